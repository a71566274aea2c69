import type { Kysely, Transaction } from "kysely";
import { readSetting } from "#app/features/app-settings/app-settings.server.ts";
import type { Database } from "#db/schema.ts";
import { auditMacKey } from "./audit-chain.ts";

// Which key MACs the audit rows written through a database handle. The key is
// registered once per database by createServices (from AUDIT_KEY, else
// APP_SECRET, else — development only — the secret kept in the database), so
// that recordAudit() needs nothing but the handle or transaction every caller
// already passes. A transaction shares its database's dialect adapter, which
// is what the key is filed under. The registry is process-wide (a registered
// symbol) because tests and the production build load separate copies of
// this module.

type AnyDb = Kysely<Database> | Transaction<Database>;

const REGISTRY = Symbol.for("wijkwijs.audit-keys");

/** A key, or why there is none to write with (a production script without AUDIT_KEY or APP_SECRET). */
type Entry = { key: Buffer } | { refusal: string };

function registry(): WeakMap<object, Entry> {
  const holder = globalThis as unknown as Record<symbol, WeakMap<object, Entry> | undefined>;
  return (holder[REGISTRY] ??= new WeakMap());
}

export function registerAuditKey(db: AnyDb, entry: Entry): void {
  registry().set(db.getExecutor().adapter, entry);
}

export function auditKeyFor(db: AnyDb): Buffer | undefined {
  const entry = registry().get(db.getExecutor().adapter);
  return entry && "key" in entry ? entry.key : undefined;
}

/** The key to MAC new rows with; throws (nothing is written) when there is none. */
export function auditKeyToWrite(db: AnyDb): Buffer {
  const entry = registry().get(db.getExecutor().adapter);
  if (!entry) throw new Error("No audit key is registered for this database (services come from createServices)");
  if ("refusal" in entry) throw new Error(entry.refusal);
  return entry.key;
}

export type AuditKeySource = "AUDIT_KEY" | "APP_SECRET" | "database";

/**
 * For scripts that do not start the app: the key the app uses, and where it
 * came from. `storedSecret` reads the installation secret kept in the
 * database (used only when neither variable is set, as the app does).
 */
export async function resolveAuditKey(
  env: Record<string, string | undefined>,
  storedSecret: () => Promise<string | null> | string | null,
): Promise<{ key: Buffer; source: AuditKeySource } | null> {
  if (env.AUDIT_KEY) return { key: auditMacKey(env.AUDIT_KEY), source: "AUDIT_KEY" };
  if (env.APP_SECRET) return { key: auditMacKey(env.APP_SECRET), source: "APP_SECRET" };
  const stored = await Promise.resolve()
    .then(storedSecret)
    .catch(() => null);
  return stored ? { key: auditMacKey(stored), source: "database" } : null;
}

/** The installation secret kept in the database, if any. */
export const storedAppSecret = (db: Kysely<Database>) => () => readSetting(db, "app_secret");
