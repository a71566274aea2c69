import { sql, type Kysely } from "kysely";
import { isPostgres } from "../connection.ts";

// Full-text search over the scrubbed free text of signals
// (app/features/signals/search.server.ts, docs/decisions/0212). The index is
// kept by the database itself — triggers on SQLite, a trigger function on
// PostgreSQL — so every writer (the form, the demo seed, tests, the retention
// job that erases text) keeps it right without knowing it exists: erased text
// leaves the index in the same statement. The two dialects differ here only.
//
// SQLite: an FTS5 table whose rowid is the signal's rowid (nothing runs
// VACUUM on this database, which could renumber rowids; should it ever, empty
// the index and refill it as below). PostgreSQL: a tsvector per signal
// with a GIN index, 'simple' configuration (no stemming: the text mixes
// languages and placeholders).

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema
      .createTable("signal_search")
      .addColumn("signal_id", "text", (c) => c.primaryKey().references("signals.id").onDelete("cascade"))
      .addColumn("document", sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index signal_search_document on signal_search using gin (document)`.execute(db);
    await sql`
      create or replace function signal_search_sync() returns trigger language plpgsql as $$
      begin
        insert into signal_search (signal_id, document)
        values (new.id, to_tsvector('simple', coalesce(new.free_text, '')))
        on conflict (signal_id) do update set document = excluded.document;
        return null;
      end
      $$`.execute(db);
    await sql`create trigger signal_search_insert after insert on signals for each row execute function signal_search_sync()`.execute(db);
    await sql`create trigger signal_search_update after update of free_text on signals for each row execute function signal_search_sync()`.execute(db);
    await sql`insert into signal_search (signal_id, document) select id, to_tsvector('simple', coalesce(free_text, '')) from signals`.execute(db);
    return;
  }
  await sql`create virtual table signal_search using fts5(free_text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create trigger signal_search_insert after insert on signals begin
    insert into signal_search (rowid, free_text) values (new.rowid, new.free_text);
  end`.execute(db);
  await sql`create trigger signal_search_update after update of free_text on signals begin
    delete from signal_search where rowid = old.rowid;
    insert into signal_search (rowid, free_text) values (new.rowid, new.free_text);
  end`.execute(db);
  await sql`create trigger signal_search_delete after delete on signals begin
    delete from signal_search where rowid = old.rowid;
  end`.execute(db);
  await sql`insert into signal_search (rowid, free_text) select rowid, free_text from signals where free_text is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists signal_search_update on signals`.execute(db);
    await sql`drop trigger if exists signal_search_insert on signals`.execute(db);
    await sql`drop function if exists signal_search_sync()`.execute(db);
    await db.schema.dropTable("signal_search").execute();
    return;
  }
  for (const trigger of ["signal_search_insert", "signal_search_update", "signal_search_delete"]) await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  await sql`drop table signal_search`.execute(db);
}
