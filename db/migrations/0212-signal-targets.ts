import type { Kysely } from "kysely";

// Targets per urgency (working days, a setting per municipality) and each
// signal's deadline, fixed when it arrives (app/features/signals/targets.ts).
// Signals already in get their deadline from the default targets here; the
// working-day count is written out again because a migration must not change
// when the application code does. Portable types only (docs/decisions/0002).

const DAY_MS = 24 * 60 * 60 * 1000;
const weekday = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", weekday: "short" });

function addWorkingDays(received: Date, days: number): string {
  let instant = received.getTime();
  for (let counted = 0; counted < days; ) {
    instant += DAY_MS;
    const day = weekday.format(new Date(instant));
    if (day !== "Sat" && day !== "Sun") counted++;
  }
  return new Date(instant).toISOString();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("municipalities").addColumn("signal_target_days_urgent", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("municipalities").addColumn("signal_target_days_normal", "integer", (c) => c.notNull().defaultTo(5)).execute();
  await db.schema.alterTable("signals").addColumn("due_at", "text").execute();
  await db.schema.createIndex("signals_due").on("signals").columns(["municipality_id", "status", "due_at"]).execute();

  const days: Record<string, number> = { urgent: 1, normal: 5 };
  for (;;) {
    const batch = await db.selectFrom("signals").select(["id", "received_at", "urgency"]).where("due_at", "is", null).limit(1000).execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      await db
        .updateTable("signals")
        .set({ due_at: addWorkingDays(new Date(row.received_at), days[row.urgency] ?? 5) })
        .where("id", "=", row.id)
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("signals_due").execute();
  await db.schema.alterTable("signals").dropColumn("due_at").execute();
  await db.schema.alterTable("municipalities").dropColumn("signal_target_days_normal").execute();
  await db.schema.alterTable("municipalities").dropColumn("signal_target_days_urgent").execute();
}
