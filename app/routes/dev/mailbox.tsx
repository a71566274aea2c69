import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/mailbox";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { requestInfoContext, servicesContext } from "#app/context.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { listMailbox, mailboxAvailable } from "#app/features/mail/mailbox.server.ts";

// Development only, from this machine: every mail in the outbox. Elsewhere this route answers 404.

export async function loader({ context }: Route.LoaderArgs) {
  const services = context.get(servicesContext);
  if (!mailboxAvailable(services.config, context.get(requestInfoContext).clientAddress)) throw data(null, { status: 404 });
  return { mails: await listMailbox(services), smtp: Boolean(services.config.mail.smtpUrl) };
}

export default function Mailbox({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("dev");
  return (
    <div className="stack">
      <PageTitle>{t("mailbox.title")}</PageTitle>
      <Heading level={1}>{t("mailbox.title")}</Heading>
      <Alert kind="info">{t(loaderData.smtp ? "mailbox.intro_smtp" : "mailbox.intro_outbox")}</Alert>
      {loaderData.mails.length === 0 ? (
        <Paragraph>{t("mailbox.empty")}</Paragraph>
      ) : (
        <Table caption={t("mailbox.caption")} head={[t("mailbox.subject"), t("mailbox.recipient"), t("mailbox.status"), t("mailbox.created")]}>
          {loaderData.mails.map((mail) => (
            <Row key={mail.id}>
              <Cell header>
                <Link className="utrecht-link" to={`/dev/mailbox/${mail.id}`}>
                  {mail.subject}
                </Link>
              </Cell>
              <Cell>{mail.recipient}</Cell>
              <Cell>{t(`mailbox.statuses.${mail.status}`)}</Cell>
              <Cell>{formatDateTime(mail.createdAt, i18n.language)}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}
