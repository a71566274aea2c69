import type { Kysely } from "kysely";

// Who works on a signal or case, and whether a case is still open: a team (the workflow side, "gemeente" or
// "police") and, within it, optionally one person. Portable types only
// (docs/decisions/0002).

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["signals", "signal_cases"]) {
    await db.schema.alterTable(table).addColumn("assigned_team", "text").execute();
    await db.schema
      .alterTable(table)
      .addColumn("assigned_to", "text", (c) => c.references("users.id").onDelete("set null"))
      .execute();
  }
  // A case is open until its owner closes it.
  await db.schema.alterTable("signal_cases").addColumn("status", "text", (c) => c.notNull().defaultTo("open")).execute();
  await db.schema.createIndex("signals_assigned_to").on("signals").columns(["municipality_id", "assigned_to", "status"]).execute();
  await db.schema.createIndex("signals_assigned_team").on("signals").columns(["municipality_id", "assigned_team", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("signals_assigned_team").execute();
  await db.schema.dropIndex("signals_assigned_to").execute();
  await db.schema.alterTable("signal_cases").dropColumn("status").execute();
  for (const table of ["signal_cases", "signals"]) {
    await db.schema.alterTable(table).dropColumn("assigned_to").execute();
    await db.schema.alterTable(table).dropColumn("assigned_team").execute();
  }
}
