import { z } from "zod";

// Every environment variable the app reads, validated once at start. A bad
// value stops the server with a message that names the variable.

const integer = (fallback: number, min = 1) =>
  z.coerce.number().int().min(min).default(fallback);

const booleanFlag = (fallback: boolean) =>
  z.stringbool({ truthy: ["true", "1", "yes"], falsy: ["false", "0", "no"], case: "sensitive" }).default(fallback);

/**
 * How many proxies in front of the app may be believed about the client's
 * address: the address that many hops back in X-Forwarded-For (as Express's
 * numeric `trust proxy`). A proxy that appends to the header keeps whatever
 * the client wrote on the left, so "believe the left-most entry" is never an
 * option: `true` is refused with a message that asks for the number.
 */
const proxyHops = z
  .string()
  .transform((value, ctx) => {
    const v = value.trim().toLowerCase();
    if (v === "false" || v === "no" || v === "0") return 0;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    ctx.addIssue({
      code: "custom",
      message:
        v === "true" || v === "yes"
          ? `must be the number of reverse proxies in front of the app (usually 1), no longer "${value}": that believed the left-most X-Forwarded-For entry, which a client can write itself`
          : "must be the number of reverse proxies in front of the app (0 for none, usually 1)",
    });
    return z.NEVER;
  })
  .default(0);

const isOriginOnly = (url: URL) => /^\/*$/.test(url.pathname) && !url.search && !url.hash && !url.username && !url.password;

/** A push service host name, optionally with a leading "*." for its subdomains and a ":port". */
const HOST_PATTERN = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;

export const configSchema = z.object({
  // Production unless said otherwise: `npm run dev` and `npm start` (the demo) choose development explicitly.
  APP_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: integer(10),
  // An origin: every same-origin check compares with it, so a path would never match.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !URL.canParse(url) || isOriginOnly(new URL(url)), "must be an origin only, e.g. https://wijkwijs.example.nl (no path)")
    .transform((url) => new URL(url).origin)
    .optional(),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Keys the audit log's MACs; lives outside the database (docs/decisions/0722). */
  AUDIT_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO_DATA: z.enum(["auto", "true", "false"]).default("auto"),
  MUNICIPALITY: z.string().regex(/^[a-z0-9-]+$/).default("den-haag"),
  TRUST_PROXY: proxyHops,
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
  // Training: how long passing the basic modules keeps an ambassador certified.
  CERTIFICATE_VALID_MONTHS: integer(12),
  // Abuse limits: per-hour limits; see docs/decisions/0702.
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
  // Push services besides the browsers' own (docs/decisions/0720): host names, "*." for subdomains, ":port" for a port.
  PUSH_ALLOWED_HOSTS: z
    .string()
    .transform((value, ctx) => {
      const hosts = value.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean);
      for (const host of hosts) {
        if (!HOST_PATTERN.test(host)) ctx.addIssue({ code: "custom", message: `"${host}" is not a host name (e.g. push.example.nl or *.push.example.nl)` });
      }
      return hosts;
    })
    .default([]),
  /** Tests only: push to loopback and private addresses (a local push-service stand-in). Refused in production. */
  PUSH_ALLOW_PRIVATE_NETWORK: booleanFlag(false),
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
  /** The audit log's MAC key when set apart from APP_SECRET. */
  auditKey: string | undefined;
  demoData: "auto" | "true" | "false";
  municipality: string;
  /** How many reverse proxies in front of the app to believe about the client's address (0: none). */
  trustProxy: number;
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
  training: { certificateValidMonths: number };
  /** Requests per client (or account) per hour before a 429 with Retry-After. */
  rateLimits: { signalsPerHour: number; inviteAttemptsPerHour: number; referralCountsPerHour: number };
  securityContact: string;
  /** Overrides the municipality's stored small-cell threshold for the dashboard when set. */
  suppressionThreshold: number | undefined;
  /** Overrides the municipality's coordinator contact (content/areas/<municipality>.json) when set. */
  coordinatorContact: { email: string | undefined; phone: string | undefined };
  /** VAPID for web push; keys absent: generated and kept in the database. */
  /** Outgoing mail; smtpUrl absent: mails are kept in the outbox, not sent. */
  mail: { smtpUrl: string | undefined; from: string; retentionDays: number; resetsPerAddressPerHour: number; resetsPerClientPerHour: number };
  push: {
    publicKey: string | undefined;
    privateKey: string | undefined;
    subject: string;
    /** Push service hosts accepted besides the built-in list. */
    allowedHosts: string[];
    /** Whether endpoints may resolve to loopback and private addresses (tests only). */
    allowPrivateNetwork: boolean;
  };
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
  if (e.APP_ENV === "production" && e.PUSH_ALLOW_PRIVATE_NETWORK) {
    throw new ConfigError(
      "Invalid configuration in the environment:\n  PUSH_ALLOW_PRIVATE_NETWORK: not allowed when APP_ENV=production (it lets a push subscription make the server connect to its own network)",
    );
  }
  return {
    appEnv: e.APP_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    publicUrl: e.PUBLIC_URL,
    appSecret: e.APP_SECRET,
    auditKey: e.AUDIT_KEY,
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
    training: { certificateValidMonths: e.CERTIFICATE_VALID_MONTHS },
    rateLimits: {
      signalsPerHour: e.SIGNALS_PER_HOUR,
      inviteAttemptsPerHour: e.INVITE_ATTEMPTS_PER_HOUR,
      referralCountsPerHour: e.REFERRAL_COUNTS_PER_HOUR,
    },
    securityContact: e.SECURITY_CONTACT,
    suppressionThreshold: e.SUPPRESSION_THRESHOLD,
    coordinatorContact: { email: e.COORDINATOR_CONTACT_EMAIL, phone: e.COORDINATOR_CONTACT_PHONE },
    push: {
      publicKey: e.VAPID_PUBLIC_KEY,
      privateKey: e.VAPID_PRIVATE_KEY,
      subject: e.VAPID_SUBJECT,
      allowedHosts: e.PUSH_ALLOWED_HOSTS,
      allowPrivateNetwork: e.PUSH_ALLOW_PRIVATE_NETWORK,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? "wijkwijs@localhost",
      retentionDays: e.MAIL_RETENTION_DAYS,
      resetsPerAddressPerHour: e.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
      resetsPerClientPerHour: e.PASSWORD_RESETS_PER_CLIENT_PER_HOUR,
    },
  };
}

/**
 * What serving HTTP needs beyond a valid environment. In production the
 * public origin is configured, never taken from a request's Host (every
 * origin check, link and redirect uses it), and the audit log's key lives
 * outside the database. Scripts (retention, migrations) do not need these.
 */
export function checkServerConfig(config: Config): void {
  if (config.appEnv !== "production") return;
  const problems: string[] = [];
  if (!config.publicUrl) problems.push("  PUBLIC_URL: required when APP_ENV=production (the public origin, e.g. https://wijkwijs.example.nl)");
  if (!config.auditKey && !config.appSecret) {
    problems.push("  AUDIT_KEY (or APP_SECRET): required when APP_ENV=production (the audit log's key must not live in the database it protects)");
  }
  if (problems.length) throw new ConfigError(`Invalid configuration in the environment:\n${problems.join("\n")}`);
}
