import { activePhenomena } from "#app/features/content/content.ts";
import path from "node:path";
import { sql } from "kysely";
import { withScratchPostgres } from "./scratch-database.ts";
import { loadConfig } from "#app/config.server.ts";
import { heatmapView, mapView, trendView, warningView } from "#app/features/dashboard/dashboard.server.ts";
import { dashboardFrame } from "#app/features/dashboard/page.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { listInbox } from "#app/features/signals/inbox.server.ts";
import { calendarDateOf } from "#app/calendar/dates.ts";
import { isoWeekOf } from "#app/calendar/iso-week.ts";
import { createLogger } from "#app/log.server.ts";
import type { AppServices } from "#app/services.server.ts";
import { rebuildRollups } from "#app/features/dashboard/rollups.server.ts";
import { seedDemo } from "#scripts/seed/demo.ts";
import { insertSyntheticSignals } from "#scripts/seed/synthetic-signals.ts";
import { createServices } from "#server/services.ts";

// The dashboard's loader work — parsing the filters, the frame and the view's
// figures from the rollups — and the inbox's (a page, a search, a filter, each
// with its counts) timed in process at growing numbers of synthetic signals,
// on SQLite and (with TEST_DATABASE_URL) PostgreSQL.

export interface DashboardFigures {
  database: string;
  signals: number;
  view: string;
  p50: number;
  p95: number;
  runs: number;
}

const SIZES = (process.env.BENCH_DASHBOARD_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 40);

const views: { label: string; url: string; run: (services: AppServices, url: URL) => Promise<unknown> }[] = [
  {
    label: "default (map, 13 weeks, city)",
    url: "http://bench/dashboard",
    run: async (services, url) => {
      const m = services.municipality.id;
      const { filters, base } = await dashboardFrame(services, m, url, "nl");
      return mapView(services, m, base, filters);
    },
  },
  {
    label: "filtered (trends, 52 weeks, phishing, Escamp, SMS)",
    url: "http://bench/dashboard/trends?periode=52w&fenomeen=phishing&gebied=den-haag-sd-escamp&kanaal=sms",
    run: async (services, url) => {
      const m = services.municipality.id;
      const { filters, base } = await dashboardFrame(services, m, url, "nl");
      return trendView(services, m, base, filters, "nl");
    },
  },
  {
    label: "trends with comparisons (last complete block, city)",
    url: "http://bench/dashboard/trends",
    run: async (services, url) => {
      const m = services.municipality.id;
      const { filters, base } = await dashboardFrame(services, m, url, "nl");
      return trendView(services, m, base, filters, "nl");
    },
  },
  {
    label: "heatmap (13 weeks, city)",
    url: "http://bench/dashboard/heatmap",
    run: async (services, url) => {
      const m = services.municipality.id;
      const { filters, base } = await dashboardFrame(services, m, url, "nl");
      return heatmapView(services, m, base, filters, "nl");
    },
  },
  {
    label: "early warning (last published week)",
    url: "http://bench/dashboard/vroegsignalering",
    run: async (services, url) => {
      const m = services.municipality.id;
      const { filters, base } = await dashboardFrame(services, m, url, "nl");
      return warningView(services, m, base, filters, "nl");
    },
  },
];

/** The demo's coordinator, as the inbox sees them. */
async function benchCoordinator(services: AppServices): Promise<Viewer> {
  const user = await services.db.selectFrom("users").selectAll().where("role", "=", "coordinator").orderBy("created_at").executeTakeFirstOrThrow();
  return { id: user.id, sessionId: "bench", email: user.email, displayName: user.display_name, role: "coordinator", municipalityId: user.municipality_id, organisationId: null, organisationName: null, language: "nl", secondFactor: true };
}

// The inbox's loader work (issue 17): a page with its counts, at the same sizes.
const inboxViews: { label: string; run: (services: AppServices, viewer: Viewer) => Promise<unknown> }[] = [
  { label: "inbox: first page, urgent first, with counts", run: (services, viewer) => listInbox(services, viewer, {}) },
  { label: "inbox: search 'pakket', with counts", run: (services, viewer) => listInbox(services, viewer, { search: "pakket" }) },
  {
    label: "inbox: stadsdeel Escamp, received, by deadline",
    run: (services, viewer) => listInbox(services, viewer, { stadsdeelId: "den-haag-sd-escamp", status: "received", sort: "due" }),
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function countSignals(services: AppServices): Promise<number> {
  const row = await services.db.selectFrom("signals").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Grows the signals table to `times` its size by copying every row with new
 * ids, in SQL — much faster than generating a million rows in JavaScript, and
 * the same distribution of wijken, phenomena and weeks at ten times the counts.
 */
export async function multiplySignals(services: AppServices, times: number): Promise<void> {
  const tables = await services.db.introspection.getTables();
  const columns = tables.find((table) => table.name === "signals")?.columns.map((column) => column.name);
  if (!columns) throw new Error("no signals table");
  const renamed = new Set(["id", "idempotency_key"]);
  await services.db.transaction().execute(async (trx) => {
    for (let copy = 1; copy < times; copy++) {
      const suffix = `~copy${copy}`;
      const selected = columns.map((column) => (renamed.has(column) ? sql`${sql.ref(column)} || ${suffix}` : sql.ref(column)));
      await sql`insert into signals (${sql.join(columns.map((column) => sql.ref(column)))})
        select ${sql.join(selected)} from signals where id not like ${"%~copy%"}`.execute(trx);
    }
  });
  await rebuildRollups(services.db);
  // What autovacuum's analyze does shortly after a bulk load in production: fresh planner statistics.
  await sql`analyze`.execute(services.db);
}

/** Synthetic signals over the demo's wijken and organisations, two years up to this week. */
export async function addSyntheticSignals(services: AppServices, count: number, seed: number, idPrefix: string): Promise<void> {
  const organisations = await services.db.selectFrom("organisations").select("id").execute();
  const wijken = await services.db.selectFrom("wijken").select("id").orderBy("sort_order").execute();
  await insertSyntheticSignals(services.db, {
    municipalityId: services.municipality.id,
    wijkIds: wijken.map((w) => w.id),
    phenomena: activePhenomena(services.content).map((p) => p.id),
    senders: organisations.map((o) => ({ organisationId: o.id, userId: null })),
    count,
    weeks: 104,
    seed,
    endWeek: isoWeekOf(calendarDateOf(new Date())),
    idPrefix,
  });
}

async function measureOn(database: string, databaseUrl: string, step: (m: string) => void): Promise<DashboardFigures[]> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DEMO_DATA: "false", LOG_LEVEL: "warn", APP_ENV: "development" });
  const services = await createServices(config, { log: createLogger("warn") });
  const figures: DashboardFigures[] = [];
  try {
    await seedDemo(services);
    for (const [stage, size] of SIZES.entries()) {
      const present = await countSignals(services);
      if (present >= 50_000 && size >= 2 * present) {
        step(`dashboard on ${database}: copying the ${present.toLocaleString("en")} signals ${Math.floor(size / present)}-fold`);
        await multiplySignals(services, Math.floor(size / present));
      }
      const missing = size - (await countSignals(services));
      if (missing > 0) {
        step(`dashboard on ${database}: writing ${missing.toLocaleString("en")} synthetic signals (to ${size.toLocaleString("en")})`);
        await addSyntheticSignals(services, missing, 1000 + stage, `bench-${stage}`);
      }
      const signals = await countSignals(services);
      const coordinator = await benchCoordinator(services);
      const timed = [
        ...views.map((view) => ({ label: view.label, run: () => view.run(services, new URL(view.url)) })),
        ...inboxViews.map((view) => ({ label: view.label, run: () => view.run(services, coordinator) })),
      ];
      for (const view of timed) {
        await view.run(); // warm-up
        const times: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          const started = performance.now();
          await view.run();
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        figures.push({ database, signals, view: view.label, p50: percentile(times, 50), p95: percentile(times, 95), runs: RUNS });
        step(`dashboard on ${database}, ${signals.toLocaleString("en")} signals, ${view.label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
      }
    }
  } finally {
    // The demo seed starts background work (its warning's push queue): let it finish first.
    await services.tasks.settled();
    await services.db.destroy();
  }
  return figures;
}

export async function measureDashboard(options: { step: (m: string) => void; workDirectory: string }): Promise<DashboardFigures[]> {
  const figures = await measureOn("SQLite", `file:${path.join(options.workDirectory, "dashboard.db")}`, options.step);
  const postgres = process.env.TEST_DATABASE_URL;
  if (postgres) {
    figures.push(...(await withScratchPostgres(postgres, "wijkwijs_bench", options.step, (url) => measureOn("PostgreSQL", url, options.step))));
  } else {
    options.step("dashboard on PostgreSQL skipped: TEST_DATABASE_URL is not set");
  }
  return figures;
}
