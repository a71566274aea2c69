import type { Kysely } from "kysely";

// Den Haag's area file follows the CBS 2024 names (docs/decisions/0410). A
// wijk's id is made from its name (app/features/areas/area-file.ts), so a wijk
// that CBS names differently gets a new id: this moves every row that refers
// to the old id — signals, rollups, organisations, warnings, warning
// preferences and the keys of published figures (so what was hidden stays
// hidden) — to the new one, then removes the old wijk. Nothing is counted
// twice or lost. Runs before the area file is read at start. Databases
// without the old wijk are left alone.

export const renamedWijken: readonly { from: string; to: string; name: string; cbs: string }[] = [
  { from: "bouwlust-en-vrederust", to: "bouwlust", name: "Bouwlust", cbs: "WK051833" },
];

/** Tables whose wijk_id refers to wijken.id. */
const referringTables = ["signals", "signal_rollups", "organisations", "warning_wijken", "notification_preferences"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const renamed of renamedWijken) {
    const old = await db
      .selectFrom("wijken")
      .selectAll()
      .where("id", "like", `%-wk-${renamed.from}`)
      .execute();
    for (const row of old) {
      const newId = `${(row.id as string).slice(0, -renamed.from.length)}${renamed.to}`;
      // PostgreSQL runs migrations in a transaction already; SQLite's adapter does not.
      const inTransaction = (work: (trx: Kysely<any>) => Promise<void>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
      await inTransaction(async (trx) => {
        const exists = await trx.selectFrom("wijken").select("id").where("id", "=", newId).executeTakeFirst();
        if (exists) return;
        await trx
          .insertInto("wijken")
          .values({ ...row, id: newId, name: renamed.name, cbs_code: row.cbs_code ?? renamed.cbs })
          .execute();
        for (const table of referringTables) {
          await trx.updateTable(table).set({ wijk_id: newId }).where("wijk_id", "=", row.id).execute();
        }
        const publications = await trx
          .selectFrom("dashboard_publications")
          .select(["municipality_id", "iso_year", "through_week", "cells"])
          .where("municipality_id", "=", row.municipality_id)
          .execute();
        for (const publication of publications) {
          const cells = JSON.parse(publication.cells as string) as { keys: string[] };
          // A signal key is slice|area|phenomenon|time (app/features/publication/structure.ts).
          let changed = false;
          cells.keys = cells.keys.map((key) => {
            const parts = key.split("|");
            if (parts[1] !== row.id) return key;
            changed = true;
            parts[1] = newId;
            return parts.join("|");
          });
          if (!changed) continue;
          await trx
            .updateTable("dashboard_publications")
            .set({ cells: JSON.stringify(cells) })
            .where("municipality_id", "=", publication.municipality_id)
            .where("iso_year", "=", publication.iso_year)
            .where("through_week", "=", publication.through_week)
            .execute();
        }
        await trx.deleteFrom("wijken").where("id", "=", row.id).execute();
      });
    }
  }
}

export async function down(): Promise<void> {
  // The old id is not restored: the area file no longer names it.
}
