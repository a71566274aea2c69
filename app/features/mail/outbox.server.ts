import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import { isPostgres } from "#db/connection.ts";
import type { Database } from "#db/schema.ts";
import { classifySendError, createMailTransport, SEND_DEADLINE_MS, type MailTransport } from "./transport.server.ts";

// Every mail goes into the outbox table first — inside the transaction of the
// change that causes it, so a mail exists exactly when its cause does — and a
// background worker delivers it: claimed with FOR UPDATE SKIP LOCKED on
// PostgreSQL so that instances never take the same mail, retried with backoff
// while the mail server is away, kept with its last error when it gives up.
// See docs/decisions/0800.

export interface MailToQueue {
  /** What the mail is for ("invitation", "password_reset", …). */
  kind: string;
  to: string;
  language: string;
  fromName: string;
  subject: string;
  text: string;
  html: string;
  /** The mail holds a link that works as a key: its bodies are erased once it is delivered. */
  carriesKey?: boolean;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Queues one mail; call it inside the transaction that causes the mail, then kickMailOutbox() after the commit. */
export async function queueMail(services: Pick<AppServices, "clock" | "config"> & { db: Db }, mail: MailToQueue): Promise<string> {
  const id = randomUUID();
  const now = services.clock.now().toISOString();
  const domain = services.config.mail.from.split("@")[1] ?? "localhost";
  await services.db
    .insertInto("mail_outbox")
    .values({
      id,
      kind: mail.kind,
      recipient: mail.to,
      language: mail.language,
      from_name: mail.fromName,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      carries_key: mail.carriesKey ? 1 : 0,
      message_id: `<${id}@${domain}>`,
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      sent_at: null,
      erased_at: null,
    })
    .execute();
  return id;
}

/** After this many attempts (about six hours of backoff) a mail is marked failed. */
export const MAX_ATTEMPTS = 12;
/** How long a claim holds a mail: longer than a whole batch of sends can take. */
export const CLAIM_LEASE_MS = 10 * 60_000;
const BATCH = 5;
// A batch must finish inside its lease, or another instance could take a mail that is still being sent.
if (BATCH * SEND_DEADLINE_MS >= CLAIM_LEASE_MS) throw new Error("mail outbox: a batch could outlast its lease");

/** Waiting time before attempt n+1: 1 min, 2, 4, … at most an hour. */
export function mailBackoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(attempts - 1, 0), 3600_000);
}

const transports = new WeakMap<object, MailTransport | null>();

/** The SMTP transport for this configuration, or null when no SMTP_URL is set. */
export function mailTransport(services: Pick<AppServices, "config">): MailTransport | null {
  if (!transports.has(services.config)) transports.set(services.config, createMailTransport(services.config));
  return transports.get(services.config) ?? null;
}

/**
 * Claims up to `limit` due mails: in one transaction the due rows are locked —
 * on PostgreSQL with FOR UPDATE SKIP LOCKED, so an instance claiming at the
 * same moment passes over them — their attempt is counted and their next
 * attempt moved a lease ahead. A worker that dies mid-send leaves its mails
 * to be tried again after the lease; none is lost, none is taken twice while
 * a lease runs. (SQLite has one writer at a time: the transaction alone
 * serialises claims.)
 */
export async function claimDueMails(services: Pick<AppServices, "db" | "clock">, limit = BATCH) {
  const now = services.clock.now();
  return services.db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom("mail_outbox")
      .select("id")
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now.toISOString())
      .orderBy("next_attempt_at")
      .orderBy("created_at")
      .limit(limit);
    if (isPostgres(services.db)) due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    await trx
      .updateTable("mail_outbox")
      .set((eb) => ({ attempts: eb("attempts", "+", 1), next_attempt_at: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString() }))
      .where("id", "in", ids)
      .execute();
    return trx
      .selectFrom("mail_outbox")
      .select(["id", "kind", "recipient", "language", "from_name", "subject", "text_body", "html_body", "carries_key", "message_id", "attempts"])
      .where("id", "in", ids)
      .orderBy("created_at")
      .execute();
  });
}

export interface OutboxRun {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Delivers the mails that are due, batch by batch, until none is due (or
 * `maxMails` were handled). Several instances can run it side by side.
 */
export async function deliverDueMails(
  services: Pick<AppServices, "db" | "clock" | "config" | "log">,
  options: { transport?: MailTransport | null; maxMails?: number } = {},
): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
  const transport = options.transport === undefined ? mailTransport(services) : options.transport;
  if (!transport) return run;
  const maxMails = options.maxMails ?? 200;
  let handled = 0;
  while (handled < maxMails) {
    const due = await claimDueMails(services, Math.min(BATCH, maxMails - handled));
    if (due.length === 0) break;
    for (const mail of due) {
      handled++;
      const attempts = Number(mail.attempts);
      if (mail.text_body === null || mail.html_body === null) {
        await services.db
          .updateTable("mail_outbox")
          .set({ status: "failed", last_error: "the mail's text was erased before it could be sent" })
          .where("id", "=", mail.id)
          .execute();
        run.failed++;
        continue;
      }
      try {
        await transport.send({
          from: { name: mail.from_name, address: services.config.mail.from },
          to: mail.recipient,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body,
          messageId: mail.message_id,
          language: mail.language,
        });
      } catch (error) {
        const failure = classifySendError(error);
        if (failure.retry && attempts < MAX_ATTEMPTS) {
          await services.db
            .updateTable("mail_outbox")
            .set({ last_error: failure.message, next_attempt_at: new Date(services.clock.now().getTime() + mailBackoffMs(attempts)).toISOString() })
            .where("id", "=", mail.id)
            .execute();
          run.retried++;
        } else {
          await services.db.updateTable("mail_outbox").set({ status: "failed", last_error: failure.message }).where("id", "=", mail.id).execute();
          run.failed++;
          services.log.warn("mail not delivered", { mailId: mail.id, kind: mail.kind, attempts, error: failure.message });
        }
        continue;
      }
      const now = services.clock.now().toISOString();
      const erase = Number(mail.carries_key) === 1;
      await services.db
        .updateTable("mail_outbox")
        .set({
          status: "sent",
          sent_at: now,
          last_error: null,
          ...(erase ? { text_body: null, html_body: null, erased_at: now } : {}),
        })
        .where("id", "=", mail.id)
        .execute();
      run.sent++;
    }
  }
  return run;
}

/**
 * Starts delivering now, without making the request wait; call it after the
 * transaction that queued mail committed. Without SMTP, or without background
 * tasks at hand, the next scheduled round delivers instead.
 */
export function kickMailOutbox(services: Pick<AppServices, "db" | "clock" | "config" | "log"> & { tasks?: AppServices["tasks"] }): void {
  if (!services.tasks || !mailTransport(services)) return;
  services.tasks.run("mail outbox", () => deliverDueMails(services));
}

/** Runs the outbox now and every interval while the server runs; returns a stop function. */
export function scheduleMailOutbox(services: AppServices, intervalMs = 30_000): () => void {
  if (!mailTransport(services)) {
    if (services.config.appEnv === "production") {
      services.log.warn("no SMTP_URL: mails (invitations, password resets) are kept in the outbox and not sent");
    } else {
      services.log.info("no SMTP_URL: mails are kept in the outbox; read them at /dev/mailbox");
    }
    return () => {};
  }
  kickMailOutbox(services);
  const timer = setInterval(() => kickMailOutbox(services), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The rows themselves (recipient, kind, status, dates) go after this many days. */
export const MAIL_RECORD_DAYS = 90;
const DAY_MS = 24 * 3600_000;

/**
 * Retention: mails older than MAIL_RETENTION_DAYS lose their text (a mail
 * still pending by then is given up: its links have expired anyway); after
 * MAIL_RECORD_DAYS the rows go.
 */
export async function eraseOldMail(services: Pick<AppServices, "db" | "clock" | "config">): Promise<{ erased: number; givenUp: number; deleted: number }> {
  const now = services.clock.now();
  const bodyCutoff = new Date(now.getTime() - services.config.mail.retentionDays * DAY_MS).toISOString();
  const recordCutoff = new Date(now.getTime() - Math.max(MAIL_RECORD_DAYS, services.config.mail.retentionDays) * DAY_MS).toISOString();
  return services.db.transaction().execute(async (trx) => {
    const givenUp = await trx
      .updateTable("mail_outbox")
      .set({
        status: "failed",
        last_error: `not delivered within ${services.config.mail.retentionDays} days`,
        text_body: null,
        html_body: null,
        erased_at: now.toISOString(),
      })
      .where("status", "=", "pending")
      .where("created_at", "<", bodyCutoff)
      .executeTakeFirst();
    const erased = await trx
      .updateTable("mail_outbox")
      .set({ text_body: null, html_body: null, erased_at: now.toISOString() })
      .where("erased_at", "is", null)
      .where("created_at", "<", bodyCutoff)
      .executeTakeFirst();
    const deleted = await trx.deleteFrom("mail_outbox").where("created_at", "<", recordCutoff).where("status", "!=", "pending").executeTakeFirst();
    return { erased: Number(erased.numUpdatedRows), givenUp: Number(givenUp.numUpdatedRows), deleted: Number(deleted.numDeletedRows) };
  });
}

/** How many of these mails are pending, sent and failed (for a sender's delivery counts, e.g. a newsletter's). */
export async function mailStatusCounts(services: Pick<AppServices, "db">, ids: readonly string[]): Promise<{ pending: number; sent: number; failed: number }> {
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await services.db
      .selectFrom("mail_outbox")
      .select(["status", (eb) => eb.fn.countAll<number | string>().as("count")])
      .where("id", "in", ids.slice(start, start + 500))
      .groupBy("status")
      .execute();
    for (const row of rows) if (row.status in counts) counts[row.status as keyof typeof counts] += Number(row.count);
  }
  return counts;
}
