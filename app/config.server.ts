import { z } from "zod";

// Every environment variable the app reads, validated once at start. A bad
// value stops the server with a message that names the variable.

const integer = (fallback: number, min = 1) =>
  z.coerce.number().int().min(min).default(fallback);

const booleanFlag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"])
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true" || v === "1" || v === "yes");

export const configSchema = z.object({
  APP_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: integer(10),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO_DATA: z.enum(["auto", "true", "false"]).default("auto"),
  MUNICIPALITY: z.string().regex(/^[a-z0-9-]+$/).default("den-haag"),
  TRUST_PROXY: booleanFlag(false),
  MAX_BODY_BYTES: integer(64 * 1024, 1024),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  SESSION_IDLE_MINUTES_STAFF: integer(60),
  SESSION_ABSOLUTE_HOURS_STAFF: integer(12),
  SESSION_IDLE_DAYS_AMBASSADOR: integer(30),
  SESSION_ABSOLUTE_DAYS_AMBASSADOR: integer(90),
  LOGIN_MAX_FAILURES: integer(5),
  LOGIN_CLIENT_MAX_FAILURES: integer(20),
  LOGIN_WINDOW_MINUTES: integer(15),
  INVITE_VALID_DAYS: integer(7),
  SIGNAL_TEXT_RETENTION_DAYS: integer(180),
  AMBASSADOR_INACTIVE_MONTHS: integer(12),
  AMBASSADOR_INACTIVE_WARNING_DAYS: integer(30),
  // Hardening (issue 9): per-hour limits; see docs/decisions/0702.
  SIGNALS_PER_HOUR: integer(60),
  INVITE_ATTEMPTS_PER_HOUR: integer(20),
  REFERRAL_COUNTS_PER_HOUR: integer(30),
  /** Where vulnerabilities are reported (security.txt, RFC 9116): mailto: or https: */
  SECURITY_CONTACT: z.string().regex(/^(mailto:|https:\/\/)\S+$/, "must start with mailto: or https://").default("mailto:security@wijkwijs.nl"),
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(2).max(50).optional(),
  /** Who a locked-out person can ask for help; overrides the municipality's content file. */
  COORDINATOR_CONTACT_EMAIL: z.email("must be an e-mail address").optional(),
  COORDINATOR_CONTACT_PHONE: z.string().regex(/^\+?[0-9][0-9 -]{1,18}[0-9]$/, "must be a phone number in digits, spaces and hyphens").optional(),
  // Web push: without keys the server generates a pair on first start and keeps it in the database.
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, "must be a base64url P-256 public key").optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, "must be a base64url P-256 private key").optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, "must start with mailto: or https://").default("mailto:wijkwijs@example.invalid"),
  // E-mail (see docs/decisions/0800): without SMTP_URL mails stay in the outbox (in development: /dev/mailbox).
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.email("must be an e-mail address").optional(),
  MAIL_RETENTION_DAYS: integer(7),
  PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: integer(3),
  PASSWORD_RESETS_PER_CLIENT_PER_HOUR: integer(10),
});

export type ConfigInput = z.input<typeof configSchema>;

export interface Config {
  appEnv: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  publicUrl: string | undefined;
  /** When unset, a secret is generated on first start and kept in the database. */
  appSecret: string | undefined;
  demoData: "auto" | "true" | "false";
  municipality: string;
  trustProxy: boolean;
  maxBodyBytes: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  session: {
    staffIdleMs: number;
    staffAbsoluteMs: number;
    ambassadorIdleMs: number;
    ambassadorAbsoluteMs: number;
  };
  login: { maxFailures: number; clientMaxFailures: number; windowMs: number };
  inviteValidMs: number;
  /** The free text of signals older than this is erased (privacy rule 7). */
  signalTextRetentionDays: number;
  /** Ambassadors without activity for this long are flagged, then switched off after the warning period. */
  inactivity: { months: number; warningMs: number };
  /** Requests per client (or account) per hour before a 429 with Retry-After. */
  rateLimits: { signalsPerHour: number; inviteAttemptsPerHour: number; referralCountsPerHour: number };
  securityContact: string;
  /** Overrides the municipality's stored small-cell threshold for the dashboard when set. */
  suppressionThreshold: number | undefined;
  /** Overrides the municipality's coordinator contact (content/areas/<municipality>.json) when set. */
  coordinatorContact: { email: string | undefined; phone: string | undefined };
  /** VAPID for web push; keys absent: generated and kept in the database. */
  push: { publicKey: string | undefined; privateKey: string | undefined; subject: string };
  /** Outgoing mail; smtpUrl absent: mails are kept in the outbox, not sent. */
  mail: { smtpUrl: string | undefined; from: string; retentionDays: number; resetsPerAddressPerHour: number; resetsPerClientPerHour: number };
}

export class ConfigError extends Error {}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as they do in most .env tooling.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in configSchema.shape && value !== ""),
  );
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError("Invalid configuration in the environment:\n  VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both or neither");
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError("Invalid configuration in the environment:\n  MAIL_FROM: required when SMTP_URL is set (the sender address of every mail)");
  }
  if (e.SMTP_URL && e.APP_ENV === "production" && !e.PUBLIC_URL) {
    // Links in mails would otherwise take their host from the request's Host header, which anyone can forge.
    throw new ConfigError("Invalid configuration in the environment:\n  PUBLIC_URL: required in production when SMTP_URL is set (the address links in mails point to)");
  }
  return {
    appEnv: e.APP_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    publicUrl: e.PUBLIC_URL,
    appSecret: e.APP_SECRET,
    demoData: e.DEMO_DATA,
    municipality: e.MUNICIPALITY,
    trustProxy: e.TRUST_PROXY,
    maxBodyBytes: e.MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
    session: {
      staffIdleMs: e.SESSION_IDLE_MINUTES_STAFF * MINUTE,
      staffAbsoluteMs: e.SESSION_ABSOLUTE_HOURS_STAFF * HOUR,
      ambassadorIdleMs: e.SESSION_IDLE_DAYS_AMBASSADOR * DAY,
      ambassadorAbsoluteMs: e.SESSION_ABSOLUTE_DAYS_AMBASSADOR * DAY,
    },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      clientMaxFailures: e.LOGIN_CLIENT_MAX_FAILURES,
      windowMs: e.LOGIN_WINDOW_MINUTES * MINUTE,
    },
    inviteValidMs: e.INVITE_VALID_DAYS * DAY,
    signalTextRetentionDays: e.SIGNAL_TEXT_RETENTION_DAYS,
    inactivity: { months: e.AMBASSADOR_INACTIVE_MONTHS, warningMs: e.AMBASSADOR_INACTIVE_WARNING_DAYS * DAY },
    rateLimits: {
      signalsPerHour: e.SIGNALS_PER_HOUR,
      inviteAttemptsPerHour: e.INVITE_ATTEMPTS_PER_HOUR,
      referralCountsPerHour: e.REFERRAL_COUNTS_PER_HOUR,
    },
    securityContact: e.SECURITY_CONTACT,
    suppressionThreshold: e.SUPPRESSION_THRESHOLD,
    coordinatorContact: { email: e.COORDINATOR_CONTACT_EMAIL, phone: e.COORDINATOR_CONTACT_PHONE },
    push: { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? "wijkwijs@localhost",
      retentionDays: e.MAIL_RETENTION_DAYS,
      resetsPerAddressPerHour: e.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
      resetsPerClientPerHour: e.PASSWORD_RESETS_PER_CLIENT_PER_HOUR,
    },
  };
}

export function isProduction(config: Config): boolean {
  return config.appEnv === "production";
}
