import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./connection.ts";

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
