import type { Kysely } from "kysely";

// A push delivery claimed by a queue runner carries that run's token, so the
// runner renews only its own claims and a runner whose claim ran out (and was
// taken by another) does not deliver or record the push a second time.
// Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("push_deliveries").addColumn("claim_token", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("push_deliveries").dropColumn("claim_token").execute();
}
