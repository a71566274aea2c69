import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/mailbox-mail";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { requestInfoContext, servicesContext } from "#app/context.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { findMailboxMail, mailboxAvailable } from "#app/features/mail/mailbox.server.ts";
import mailboxStyles from "#app/features/mail/mailbox.css?url";
import { textDirection, isLanguage } from "#app/i18n/languages.ts";

// Development only: one mail as its recipient would read it, text and HTML.

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: mailboxStyles }];

export async function loader({ params, context }: Route.LoaderArgs) {
  const services = context.get(servicesContext);
  if (!mailboxAvailable(services.config, context.get(requestInfoContext).clientAddress)) throw data(null, { status: 404 });
  const mail = await findMailboxMail(services, params.mailId);
  if (!mail) throw data(null, { status: 404 });
  return { mail };
}

export default function MailboxMail({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("dev");
  const { mail } = loaderData;
  const dir = isLanguage(mail.language) ? textDirection(mail.language) : "ltr";
  return (
    <div className="stack">
      <PageTitle>{mail.subject}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to="/dev/mailbox">
          {t("mailbox.back")}
        </Link>
      </Paragraph>
      <Heading level={1}>{mail.subject}</Heading>
      <dl className="mailbox-details">
        <dt>{t("mailbox.from")}</dt>
        <dd>{mail.fromName}</dd>
        <dt>{t("mailbox.recipient")}</dt>
        <dd>{mail.recipient}</dd>
        <dt>{t("mailbox.language")}</dt>
        <dd>{mail.language}</dd>
        <dt>{t("mailbox.status")}</dt>
        <dd>
          {t(`mailbox.statuses.${mail.status}`)}
          {mail.sentAt ? ` · ${formatDateTime(mail.sentAt, i18n.language)}` : null}
          {mail.attempts > 0 ? ` · ${t("mailbox.attempts", { count: mail.attempts })}` : null}
        </dd>
        {mail.lastError ? (
          <>
            <dt>{t("mailbox.last_error")}</dt>
            <dd>{mail.lastError}</dd>
          </>
        ) : null}
      </dl>
      {mail.text === null && mail.htmlBody === null ? <Paragraph>{t("mailbox.erased")}</Paragraph> : null}
      {mail.htmlBody !== null ? (
        <section aria-labelledby="mail-html">
          <Heading level={2} id="mail-html">
            {t("mailbox.html")}
          </Heading>
          {/* Our own mail, rendered by the app (values escaped when it was written): shown as its recipient sees it. */}
          <div className="mailbox-html" lang={mail.language} dir={dir} dangerouslySetInnerHTML={{ __html: mail.htmlBody }} />
        </section>
      ) : null}
      {mail.text !== null ? (
        <section aria-labelledby="mail-text">
          <Heading level={2} id="mail-text">
            {t("mailbox.text")}
          </Heading>
          <pre className="mailbox-text" lang={mail.language} dir={dir} data-testid="mail-text">
            {mail.text}
          </pre>
        </section>
      ) : null}
    </div>
  );
}
