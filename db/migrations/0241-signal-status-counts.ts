import { sql, type Kysely } from "kysely";
import { isPostgres } from "../connection.ts";

// The inbox's counts per status (app/features/signals/inbox.server.ts) read
// from a small table instead of counting every signal of the municipality on
// each page: at a million signals that count alone took most of the budget.
// Kept by the database itself — triggers on insert, delete and an update of
// any column it groups by — so every writer (the form, triage, bulk actions,
// hand-back, retention, the demo seed, tests) keeps it right without knowing
// it exists, in the same statement. Grouped by wijk, phenomenon, urgency and
// recipients as well, so the inbox's most common filters (stadsdeel, wijk,
// phenomenon, urgency, and the police's view of what was sent to them) are
// counted from it too, and concurrent signals in different wijken or
// phenomena never wait for one row. Rows that fall to zero stay (harmless).

const key = ["municipality_id", "wijk_id", "phenomenon", "urgency", "recipients", "status"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("signal_status_counts")
    .addColumn("municipality_id", "text", (c) => c.notNull())
    .addColumn("wijk_id", "text", (c) => c.notNull())
    .addColumn("phenomenon", "text", (c) => c.notNull())
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("recipients", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("signals", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("signal_status_counts_pk", [...key])
    .execute();

  if (isPostgres(db)) {
    await sql`
      create or replace function signal_status_counts_sync() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update signal_status_counts set signals = signals - 1
          where municipality_id = old.municipality_id and wijk_id = old.wijk_id and phenomenon = old.phenomenon
            and urgency = old.urgency and recipients = old.recipients and status = old.status;
        end if;
        if tg_op in ('UPDATE', 'INSERT') then
          insert into signal_status_counts (municipality_id, wijk_id, phenomenon, urgency, recipients, status, signals)
          values (new.municipality_id, new.wijk_id, new.phenomenon, new.urgency, new.recipients, new.status, 1)
          on conflict (municipality_id, wijk_id, phenomenon, urgency, recipients, status) do update set signals = signal_status_counts.signals + 1;
        end if;
        return null;
      end
      $$`.execute(db);
    await sql`create trigger signal_status_counts_insert after insert or delete on signals for each row execute function signal_status_counts_sync()`.execute(db);
    await sql`create trigger signal_status_counts_update after update of municipality_id, wijk_id, phenomenon, urgency, recipients, status on signals
      for each row when ((old.municipality_id, old.wijk_id, old.phenomenon, old.urgency, old.recipients, old.status) is distinct from (new.municipality_id, new.wijk_id, new.phenomenon, new.urgency, new.recipients, new.status))
      execute function signal_status_counts_sync()`.execute(db);
  } else {
    const add = sql`insert into signal_status_counts (municipality_id, wijk_id, phenomenon, urgency, recipients, status, signals)
        values (new.municipality_id, new.wijk_id, new.phenomenon, new.urgency, new.recipients, new.status, 1)
        on conflict (municipality_id, wijk_id, phenomenon, urgency, recipients, status) do update set signals = signals + 1;`;
    const remove = sql`update signal_status_counts set signals = signals - 1
        where municipality_id = old.municipality_id and wijk_id = old.wijk_id and phenomenon = old.phenomenon
          and urgency = old.urgency and recipients = old.recipients and status = old.status;`;
    await sql`create trigger signal_status_counts_insert after insert on signals begin ${add} end`.execute(db);
    await sql`create trigger signal_status_counts_delete after delete on signals begin ${remove} end`.execute(db);
    await sql`create trigger signal_status_counts_update after update of municipality_id, wijk_id, phenomenon, urgency, recipients, status on signals
      when old.municipality_id is not new.municipality_id or old.wijk_id is not new.wijk_id or old.phenomenon is not new.phenomenon
        or old.urgency is not new.urgency or old.recipients is not new.recipients or old.status is not new.status
      begin ${remove} ${add} end`.execute(db);
  }
  await sql`insert into signal_status_counts (municipality_id, wijk_id, phenomenon, urgency, recipients, status, signals)
    select municipality_id, wijk_id, phenomenon, urgency, recipients, status, count(*) from signals
    group by municipality_id, wijk_id, phenomenon, urgency, recipients, status`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists signal_status_counts_update on signals`.execute(db);
    await sql`drop trigger if exists signal_status_counts_insert on signals`.execute(db);
    await sql`drop function if exists signal_status_counts_sync()`.execute(db);
  } else {
    for (const trigger of ["signal_status_counts_insert", "signal_status_counts_delete", "signal_status_counts_update"]) await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  }
  await db.schema.dropTable("signal_status_counts").execute();
}
