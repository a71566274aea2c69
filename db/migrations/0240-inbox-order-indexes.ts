import { sql, type Kysely } from "kysely";

// The inbox's orders as indexes (app/features/signals/inbox.server.ts), so that
// a page is read in order from an index instead of sorting every signal of the
// municipality: at a million signals the default "urgent first" order took
// seconds. Expression indexes rather than a stored sort column: the database
// keeps them right on every insert, triage and retention update by itself, no
// writer needs to know, and backups and copies of the table see no new column.
// Newest and oldest first need none: signals_municipality_received gives the
// order but for ties on the instant, which the database sorts in a small step.
//
// Both databases use an expression index only when the query orders by the
// same expression, with the same constants written into the SQL (not bound as
// parameters): inbox.server.ts writes these expressions literally, and
// tests/integration/inbox-scale.test.ts checks each database's plan.

export async function up(db: Kysely<any>): Promise<void> {
  // Urgent open signals first, then newest first.
  await sql`create index signals_inbox_urgent on signals (municipality_id, (case when urgency = 'urgent' and status <> 'handled' then 0 else 1 end), received_at desc, id)`.execute(db);
  // Open work by deadline (no deadline last), handled signals after it.
  await sql`create index signals_inbox_due on signals (municipality_id, (case when status <> 'handled' then 0 else 1 end), (coalesce(due_at, '9999-12-31T00:00:00.000Z')), received_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["signals_inbox_due", "signals_inbox_urgent"]) await sql`drop index if exists ${sql.id(name)}`.execute(db);
}
