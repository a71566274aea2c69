// Generates N synthetic signals (for the demo or a benchmark) in the configured
// database and rebuilds the dashboard's rollups:
//
//   npm run synthetic-signals -- 100000            (52 weeks up to this week)
//   npm run synthetic-signals -- 1000000 --weeks 104 --seed 7
//   npm run synthetic-signals -- --remove           (removes what this script added)
//
// Senders are the municipality's organisations (created on first use if there
// are none). Rows carry the id prefix "synthetic-" so that --remove finds them.
import { activePhenomena } from "#app/features/content/content.ts";
import { loadConfig } from "#app/config.server.ts";
import { rebuildRollups } from "#app/features/dashboard/rollups.server.ts";
import { calendarDateOf } from "#app/calendar/dates.ts";
import { isoWeekOf } from "#app/calendar/iso-week.ts";
import { createServices } from "#server/services.ts";
import { insertSyntheticSignals } from "#scripts/seed/synthetic-signals.ts";
import { readArgs, usageError, wholeNumber } from "./cli.ts";

const usage = "npm run synthetic-signals -- [count] [--weeks <n>] [--seed <n>] | --remove";
const { values, positionals } = readArgs(usage, {
  allowPositionals: true,
  options: { weeks: { type: "string" }, seed: { type: "string" }, remove: { type: "boolean" } },
});
if (positionals.length > 1) usageError(usage, `One count at most, not ${positionals.join(" ")}.`);
const count = wholeNumber(usage, "The count", positionals[0], 10_000);
const weeks = wholeNumber(usage, "--weeks", values.weeks, 52, 1);
const seed = wholeNumber(usage, "--seed", values.seed, Date.now() % 1_000_000);
const services = await createServices(loadConfig());
const { db, municipality, clock } = services;
try {
  if (values.remove) {
    const removed = await db.deleteFrom("signals").where("id", "like", "synthetic-%").executeTakeFirst();
    await rebuildRollups(db);
    console.log(`Removed ${Number(removed.numDeletedRows)} synthetic signals; rollups rebuilt.`);
  } else {
    const organisations = await db.selectFrom("organisations").select("id").where("municipality_id", "=", municipality.id).execute();
    if (organisations.length === 0) throw new Error("No organisations yet: start the app once (it seeds the demo) or create one first.");
    const wijken = await db.selectFrom("wijken").select("id").where("municipality_id", "=", municipality.id).orderBy("sort_order").execute();
    const started = performance.now();
    const written = await insertSyntheticSignals(db, {
      municipalityId: municipality.id,
      wijkIds: wijken.map((w) => w.id),
      phenomena: activePhenomena(services.content).map((p) => p.id),
      senders: organisations.map((o) => ({ organisationId: o.id, userId: null })),
      count,
      weeks,
      seed,
      endWeek: isoWeekOf(calendarDateOf(clock.now())),
      idPrefix: `synthetic-${seed.toString(36)}`,
      latest: new Date(clock.now().getTime() - 3_600_000),
    });
    console.log(`Wrote ${written} synthetic signals over ${weeks} weeks in ${Math.round(performance.now() - started)} ms; rollups rebuilt.`);
  }
} finally {
  await db.destroy();
}
