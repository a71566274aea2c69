import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import PostalMime from "postal-mime";
import { SMTPServer } from "smtp-server";

// A real SMTP server in the test process (smtp-server from npm): the app
// delivers to it over TCP exactly as to a municipality's mail server, and the
// test reads what arrived, parsed as a mail program would. It can refuse
// mail (a 4xx or 5xx answer) and go away and come back on the same port.

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  /** The message as it arrived, headers and MIME parts. */
  raw: string;
  from: { name: string; address: string };
  to: string[];
  subject: string;
  messageId: string;
  headers: Record<string, string>;
  text: string;
  html: string;
}

export interface TestSmtpServer {
  /** SMTP_URL for the app. */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Answers every message with this code (e.g. 451 "try again later", 550 "no such mailbox"); null accepts again. */
  refuseWith(code: number | null): void;
  /** Stops listening (connections are refused) until start() is called again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The first mail that matches, waiting until it has arrived. */
  waitFor(match: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function parseReceived(raw: string, envelope: { from: string; to: string[] }): Promise<ReceivedMail> {
  const parsed = await PostalMime.parse(raw);
  const headers: Record<string, string> = {};
  for (const header of parsed.headers) headers[header.key.toLowerCase()] = header.value;
  return {
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to,
    raw,
    from: { name: parsed.from?.name ?? "", address: parsed.from && "address" in parsed.from ? (parsed.from.address ?? "") : "" },
    to: (parsed.to ?? []).map((address) => ("address" in address ? (address.address ?? "") : "")),
    subject: parsed.subject ?? "",
    messageId: parsed.messageId ?? "",
    headers,
    text: parsed.text ?? "",
    html: parsed.html ?? "",
  };
}

export async function startTestSmtpServer(options: { port?: number; onMail?: (mail: ReceivedMail) => void } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let refusal: number | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusal !== null) {
          const error = Object.assign(new Error(refusal >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: refusal });
          callback(error);
          return;
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        parseReceived(Buffer.concat(chunks).toString("utf8"), envelope).then(
          (mail) => {
            received.push(mail);
            options.onMail?.(mail);
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  let port = options.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.server.off("error", reject);
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.server.close(() => resolve()));
  await listen();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    received,
    refuseWith(code) {
      refusal = code;
    },
    stop: stopListening,
    start: listen,
    waitFor(match) {
      return new Promise((resolve) => {
        const check = () => {
          const found = received.find(match);
          if (!found) return false;
          waiters.delete(check);
          resolve(found);
          return true;
        };
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * For Playwright: the server runs in the runner's process (global set-up),
 * the tests in worker processes. Each received mail is written as JSON to a
 * directory that the tests read.
 */
export async function startMailDrop(directory: string): Promise<TestSmtpServer> {
  mkdirSync(directory, { recursive: true });
  let count = 0;
  return startTestSmtpServer({
    onMail: (mail) => {
      count++;
      writeFileSync(path.join(directory, `${String(count).padStart(6, "0")}.json`), JSON.stringify(mail));
    },
  });
}

export function readMailDrop(directory: string): ReceivedMail[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(directory, file), "utf8")) as ReceivedMail);
}
