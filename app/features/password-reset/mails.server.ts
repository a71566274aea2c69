import type { Role } from "#db/tables/auth.ts";
import { isStaff } from "#app/features/auth/authorization.ts";
import { isolate, mailT, renderMail, type RenderedMail } from "#app/features/mail/compose.server.ts";
import type { Language } from "#app/i18n/languages.ts";

// The two mails of account recovery: the single-use link, and the notice
// that the password was changed (so that a person whose mailbox was taken
// over at least hears of it).

export function passwordResetMail(
  input: { language: Language; municipalityName: string; name: string; email: string; role: Role; url: string },
): RenderedMail {
  const { t } = mailT(input.language);
  return renderMail(input.language, input.municipalityName, {
    subject: t("password_reset.subject"),
    greeting: t("password_reset.greeting", { name: input.name }),
    before: [t("password_reset.intro", { email: isolate(input.email, input.language) })],
    action: { label: t("password_reset.action"), url: input.url },
    after: [
      t("password_reset.expires"),
      ...(isStaff(input.role) ? [t("password_reset.staff_note")] : []),
      t("password_reset.not_you"),
    ],
  });
}

export function passwordChangedMail(
  input: { language: Language; municipalityName: string; name: string; email: string; requestUrl: string },
): RenderedMail {
  const { t } = mailT(input.language);
  return renderMail(input.language, input.municipalityName, {
    subject: t("password_changed.subject"),
    greeting: t("password_changed.greeting", { name: input.name }),
    before: [t("password_changed.body", { email: isolate(input.email, input.language) }), t("password_changed.not_you")],
    action: { label: t("password_changed.action"), url: input.requestUrl },
    after: [],
  });
}
