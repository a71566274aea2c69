// npm run bench:dashboard [-- 10000,100000,1000000] — the dashboard's loader
// work (rollup reads, protection, figures) on SQLite at growing numbers of
// synthetic signals, in a fresh temporary database per size. Reports the
// median and the slowest of 7 runs per view (after one warm-up), and the
// rows the rollups hold: the time should follow the cells shown (13 or 52
// weeks, one facet slice), not the number of signals.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { loadConfig } from "#app/config.server.ts";
import { dashboardBase, heatmapView, mapView, trendView, warningView } from "#app/features/dashboard/dashboard.server.ts";
import type { DashboardFilters } from "#app/features/dashboard/filters.ts";
import { createLogger } from "#app/log.server.ts";
import { createServices } from "#server/services.ts";
import { insertSyntheticSignals } from "#db/seed/synthetic-signals.ts";
import { calendarDateOf, isoWeekOf } from "#app/features/signals/iso-week.ts";

const sizes = (process.argv.slice(2).find((a) => /^[\d,]+$/.test(a)) ?? "10000,100000,1000000").split(",").map(Number);
const RUNS = 7;

const filters = (overrides: Partial<DashboardFilters> = {}): DashboardFilters => ({
  period: "13w", week: undefined, phenomenon: undefined, area: undefined, channel: undefined, targetGroup: undefined, urgency: undefined, measure: "aantal", ...overrides,
});

for (const size of sizes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-bench-"));
  const config = loadConfig({ ...process.env, DATABASE_URL: `file:${path.join(dir, "bench.db")}`, APP_ENV: "test", DEMO_DATA: "false" });
  const services = await createServices(config, { log: createLogger("warn") });
  try {
    const organisationId = randomUUID();
    await services.db
      .insertInto("organisations")
      .values({ id: organisationId, municipality_id: services.municipality.id, name: "Bench", kind: "library", wijk_id: (await services.db.selectFrom("wijken").select("id").executeTakeFirstOrThrow()).id, address: "-", walk_in_hours: "-", code: "bench", created_at: new Date().toISOString(), archived_at: null })
      .execute();
    const wijken = await services.db.selectFrom("wijken").select("id").orderBy("sort_order").execute();
    const loadStart = performance.now();
    await insertSyntheticSignals(services.db, {
      municipalityId: services.municipality.id,
      wijkIds: wijken.map((w) => w.id),
      senders: [{ organisationId, userId: null }],
      count: size,
      weeks: 104,
      seed: 1,
      endWeek: isoWeekOf(calendarDateOf(services.clock.now())),
      latest: new Date(services.clock.now().getTime() - 3_600_000),
    });
    const loadMs = performance.now() - loadStart;
    const rollupRows = Number((await services.db.selectFrom("signal_rollups").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const m = services.municipality.id;
    const cases: [string, (f: DashboardFilters) => Promise<unknown>, DashboardFilters][] = [
      ["map 13w", async (f) => mapView(services, m, await dashboardBase(services, m, f), f), filters()],
      ["heatmap 13w", async (f) => heatmapView(services, m, await dashboardBase(services, m, f), f, "nl"), filters()],
      ["trends 13w", async (f) => trendView(services, m, await dashboardBase(services, m, f), f, "nl"), filters()],
      ["warnings", async (f) => warningView(services, m, await dashboardBase(services, m, f), f, "nl"), filters()],
      ["heatmap 13w kanaal=sms", async (f) => heatmapView(services, m, await dashboardBase(services, m, f), f, "nl"), filters({ channel: "sms" })],
      ["heatmap 52w", async (f) => heatmapView(services, m, await dashboardBase(services, m, f), f, "nl"), filters({ period: "52w" })],
    ];
    console.log(`\n${size.toLocaleString("en")} signals (104 weeks; loaded and rolled up in ${(loadMs / 1000).toFixed(1)} s; ${rollupRows.toLocaleString("en")} rollup rows)`);
    for (const [name, run, f] of cases) {
      await run(f);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await run(f);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(`  ${name.padEnd(24)} median ${times[Math.floor(RUNS / 2)]!.toFixed(1).padStart(6)} ms   slowest ${times[RUNS - 1]!.toFixed(1).padStart(6)} ms`);
    }
  } finally {
    await services.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
