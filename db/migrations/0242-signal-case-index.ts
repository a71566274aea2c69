import { sql, type Kysely } from "kysely";

// The signals of a case through an index of linked signals only. Nearly every
// signal belongs to no case, so the old index on case_id was almost all NULLs:
// SQLite's statistics then rate it as matching every signal, and for the case
// list (each case with its number of signals) the planner built a temporary
// index over all signals on every request instead. An index without the NULLs
// is small, cheap to keep, and rated for what it is. Every query on case_id
// compares it with a value, which only a linked signal can match.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index signals_case_linked on signals (case_id) where case_id is not null`.execute(db);
  await db.schema.dropIndex("signals_case").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("signals_case").on("signals").column("case_id").execute();
  await sql`drop index if exists signals_case_linked`.execute(db);
}
