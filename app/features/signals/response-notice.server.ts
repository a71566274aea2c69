import type { Kysely, Transaction } from "kysely";
import { mailT, renderMail } from "#app/features/mail/compose.server.ts";
import { queueMail } from "#app/features/mail/outbox.server.ts";
import { enqueuePush } from "#app/features/warnings/push.server.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";

// Telling the ambassador who sent a signal that the gemeente responded to it
// (app/features/signal-responses): a push to their devices and, if they asked
// for it, an e-mail. Queued in the response's own transaction, so a refused
// response tells nobody. Like staff notices (decision 0213) it carries no
// content: the response is read behind the login, where only the sender's
// organisation may open the signal. Here because it reads the sender's account.

type Db = Kysely<Database> | Transaction<Database>;

export async function notifyResponse(
  db: Db,
  services: Pick<AppServices, "clock" | "config" | "municipality">,
  senderId: string,
  signalId: string,
  options: { mail: boolean },
): Promise<{ mail: boolean; pushes: number }> {
  const person = await db
    .selectFrom("users")
    .select(["id", "email", "display_name", "language"])
    .where("id", "=", senderId)
    .where("role", "=", "ambassador")
    .where("deactivated_at", "is", null)
    .executeTakeFirst();
  if (!person) return { mail: false, pushes: 0 };
  const language: Language = isLanguage(person.language) ? person.language : "nl";
  const { t } = mailT(language);
  const origin = services.config.publicUrl ?? `http://localhost:${services.config.port}`;
  const path = `/mijn-signalen/${signalId}`;
  if (options.mail) {
    const mail = renderMail(language, services.municipality.name, {
      subject: t("responses:mail.subject"),
      greeting: t("responses:mail.greeting", { name: person.display_name }),
      before: [t("responses:mail.body")],
      action: { label: t("responses:mail.action"), url: `${origin}${path}` },
      after: [t("responses:mail.opt_out", { url: `${origin}/mijn-signalen` })],
    });
    await queueMail({ db, clock: services.clock, config: services.config }, { kind: "signal_response", to: person.email, ...mail });
  }
  const pushes = await enqueuePush(db, services.clock.now(), [person.id], {
    title: t("responses:mail.subject"),
    body: t("responses:mail.push_body"),
    url: path,
    tag: `signal-response-${signalId}`,
    lang: language,
  });
  return { mail: options.mail, pushes };
}
