import type { Transaction } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import { isolate, mailLanguage, mailT, renderMail } from "#app/features/mail/compose.server.ts";
import { kickMailOutbox, queueMail } from "#app/features/mail/outbox.server.ts";
import type { Database } from "#db/schema.ts";
import type { Role } from "#db/tables/auth.ts";
import { formatDateTime } from "#app/calendar/format.ts";

// An invitation is also e-mailed to the invitee (the person who invites still
// sees the link and can pass it on another way). The mail is queued in the
// invitation's own transaction: no invitation without its mail, no mail for
// an invitation that was rolled back. The invitee has no language yet: the
// mail is in the inviter's.

export interface InvitationMailInput {
  email: string;
  role: Role;
  organisationId: string | null;
  url: string;
  expiresAt: Date;
  municipalityId: string;
  /** The inviter's language; the invitee has none yet. */
  language: string | null;
}

export async function queueInvitationMail(
  services: Pick<AppServices, "clock" | "config">,
  trx: Transaction<Database>,
  input: InvitationMailInput,
): Promise<void> {
  const language = mailLanguage(null, input.language);
  const { t } = mailT(language);
  const municipality = await trx.selectFrom("municipalities").select("name").where("id", "=", input.municipalityId).executeTakeFirst();
  const organisation = input.organisationId
    ? await trx.selectFrom("organisations").select("name").where("id", "=", input.organisationId).executeTakeFirst()
    : undefined;
  const intro = organisation
    ? t("invitation.intro_ambassador", { organisation: organisation.name })
    : t("invitation.intro_staff", { role: t(`roles.${input.role}`) });
  const mail = renderMail(language, municipality?.name ?? "", {
    subject: t("invitation.subject"),
    greeting: t("invitation.greeting"),
    before: [intro, t("invitation.about")],
    action: { label: t("invitation.action"), url: input.url },
    after: [
      t("invitation.expires", { date: isolate(formatDateTime(input.expiresAt.toISOString(), language), language) }),
      t("invitation.not_expected"),
    ],
  });
  // The link lets anyone who has it make the account: erased from the outbox once delivered.
  await queueMail({ db: trx, clock: services.clock, config: services.config }, { kind: "invitation", to: input.email, ...mail, carriesKey: true });
}

/** After the invitation's transaction committed: deliver now rather than at the next round. */
export function sendQueuedMails(services: Parameters<typeof kickMailOutbox>[0]): void {
  kickMailOutbox(services);
}
