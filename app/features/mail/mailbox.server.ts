import type { AppServices } from "#app/services.server.ts";
import type { MailStatus } from "#db/tables/mail.ts";

// The development mailbox (/dev/mailbox): the outbox as a list, so that a
// newcomer without a mail server can click through every mail the app sends.
// It does not exist in production, and answers only on this machine: a server
// started without APP_ENV=production by mistake does not show its mail (with
// invitation links) to the network.

export function mailboxAvailable(config: AppServices["config"], clientAddress: string): boolean {
  return config.appEnv !== "production" && /^(127\.|::1$|::ffff:127\.)/.test(clientAddress);
}

export interface MailboxRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: MailStatus;
  createdAt: string;
}

export async function listMailbox(services: Pick<AppServices, "db">, limit = 100): Promise<MailboxRow[]> {
  const rows = await services.db
    .selectFrom("mail_outbox")
    .select(["id", "kind", "recipient", "subject", "status", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind, recipient: row.recipient, subject: row.subject, status: row.status, createdAt: row.created_at }));
}

export interface MailboxMail extends MailboxRow {
  language: string;
  fromName: string;
  text: string | null;
  /** The HTML part's <body> content, for showing inside the page. */
  htmlBody: string | null;
  html: string | null;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

export async function findMailboxMail(services: Pick<AppServices, "db">, id: string): Promise<MailboxMail | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const row = await services.db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    createdAt: row.created_at,
    language: row.language,
    fromName: row.from_name,
    text: row.text_body,
    html: row.html_body,
    htmlBody: row.html_body ? (/<body[^>]*>([\s\S]*)<\/body>/.exec(row.html_body)?.[1] ?? null) : null,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    sentAt: row.sent_at,
  };
}
