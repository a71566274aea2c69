import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDatabase, parseDatabaseUrl } from "./connection.ts";

describe("DATABASE_URL", () => {
  it("defaults to data/wijkwijs.db", () => {
    expect(parseDatabaseUrl(undefined, "/srv/app")).toEqual({ dialect: "sqlite", path: path.resolve("/srv/app/data/wijkwijs.db") });
    expect(parseDatabaseUrl("  ", "/srv/app").dialect).toBe("sqlite");
  });

  it("selects SQLite at a path with file:", () => {
    expect(parseDatabaseUrl("file:var/w.db", "/srv/app")).toEqual({ dialect: "sqlite", path: path.resolve("/srv/app/var/w.db") });
    expect(parseDatabaseUrl("file:/abs/w.db", "/srv/app")).toEqual({ dialect: "sqlite", path: "/abs/w.db" });
  });

  it("selects PostgreSQL with postgres:// or postgresql://", () => {
    expect(parseDatabaseUrl("postgres://u@h:5432/db")).toEqual({ dialect: "postgres", connectionString: "postgres://u@h:5432/db" });
    expect(parseDatabaseUrl("postgresql://u@h/db").dialect).toBe("postgres");
  });

  it("refuses anything else with a message that says what is accepted", () => {
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/file:<path>.*postgres:\/\//);
  });
});

describe("SQLite shared with another connection (a script, a backup, the test process)", () => {
  it("a transaction that reads and then writes holds the write lock from its start, so another writer waits instead of failing it", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-lock-"));
    const file = path.join(directory, "shared.db");
    const db = createDatabase({ dialect: "sqlite", path: file });
    try {
      await sql`create table counts (n integer not null)`.execute(db);
      const other = new DatabaseSync(file);
      // No waiting: whether the other connection can write at this moment is the question.
      other.exec("PRAGMA busy_timeout = 0");
      await db.transaction().execute(async (trx) => {
        await sql`select count(*) from counts`.execute(trx);
        // With a plain BEGIN this write would succeed, and the transaction's own write below would fail with "database is locked".
        expect(() => other.exec("insert into counts (n) values (1)")).toThrow(/locked/);
        await sql`insert into counts (n) values (2)`.execute(trx);
      });
      other.exec("insert into counts (n) values (3)");
      expect(other.prepare("select n from counts order by n").all().map((row) => row.n)).toEqual([2, 3]);
      other.close();
    } finally {
      await db.destroy();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
