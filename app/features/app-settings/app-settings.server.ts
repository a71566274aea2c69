import type { Kysely } from "kysely";
import type { Clock } from "#app/clock.ts";
import type { Database } from "#db/schema.ts";

export async function readSetting(db: Kysely<Database>, key: string): Promise<string | null> {
  const row = await db.selectFrom("app_settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value ?? null;
}

/**
 * Returns the stored value, or stores and returns `create()`'s. Two instances
 * starting at once agree on one value: the loser of the insert reads the winner's.
 */
export async function readOrCreateSetting(
  db: Kysely<Database>,
  clock: Clock,
  key: string,
  create: () => string,
): Promise<string> {
  const existing = await readSetting(db, key);
  if (existing !== null) return existing;
  await db
    .insertInto("app_settings")
    .values({ key, value: create(), updated_at: clock.now().toISOString() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const stored = await readSetting(db, key);
  if (stored === null) throw new Error(`Could not store setting ${key}`);
  return stored;
}
