import nodemailer from "nodemailer";
import type { Config } from "#app/config.server.ts";

// The SMTP connection, from SMTP_URL (smtp:// with STARTTLS when the server
// offers it, smtps:// for TLS from the start; user and password in the URL).
// Without SMTP_URL there is no transport and mails stay in the outbox.

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  language: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Seconds, not minutes: a claim's lease (outbox.server.ts) must outlast one whole send. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };
/** Upper bound of one send, whatever the server does; well inside the claim's lease. */
export const SEND_DEADLINE_MS = 90_000;

export function createMailTransport(config: Pick<Config, "mail">): MailTransport | null {
  const url = config.mail.smtpUrl;
  if (!url) return null;
  // Options in the URL's query (e.g. ?requireTLS=true) override these timeouts.
  const transporter = nodemailer.createTransport({ url, ...TIMEOUTS });
  return {
    async send(mail) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error("the mail server did not finish in time"), { code: "ETIMEDOUT" })), SEND_DEADLINE_MS);
        timer.unref();
      });
      try {
        await Promise.race([
          transporter.sendMail({
            from: mail.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            messageId: mail.messageId,
            headers: { "Content-Language": mail.language, "Auto-Submitted": "auto-generated" },
          }),
          deadline,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      transporter.close();
    },
  };
}

export type SendFailure = { retry: boolean; message: string };

/**
 * Whether a failed send is worth another try. A 5xx answer about the
 * recipient or the message (550 no such mailbox, 552/554 refused) is final;
 * everything else — a 4xx (451 try again later), no connection, a timeout, a
 * login the operator still has to fix — may work later.
 */
export function classifySendError(error: unknown): SendFailure {
  const details = error as { code?: string; responseCode?: number; response?: string; message?: string } | null;
  const responseCode = typeof details?.responseCode === "number" ? details.responseCode : null;
  const final = responseCode !== null && responseCode >= 500 && (details?.code === "EENVELOPE" || details?.code === "EMESSAGE");
  const text = responseCode !== null ? `${responseCode} ${details?.response ?? details?.message ?? ""}` : `${details?.code ?? "error"} ${details?.message ?? String(error)}`;
  // Never the SMTP URL (it may hold a password): only what the server or the socket said.
  return { retry: !final, message: text.replace(/smtps?:\/\/\S+/g, "[smtp]").trim().slice(0, 300) };
}

/**
 * Whether a mail the app queues reaches anyone: over SMTP, or (outside
 * production) through the development mailbox. Pages that promise a mail ask this first.
 */
export function mailReachesPeople(config: Pick<Config, "mail" | "appEnv">): boolean {
  return Boolean(config.mail.smtpUrl) || config.appEnv !== "production";
}
