import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { isPostgres } from "#db/connection.ts";
import { loadConfig } from "#app/config.server.ts";
import { SESSION_COOKIE } from "#app/features/auth/session.server.ts";
import { createLogger } from "#app/log.server.ts";
import { seedDemo } from "#scripts/seed/demo.ts";
import type { AppServices } from "#app/services.server.ts";
import { createServices, projectRoot } from "#server/services.ts";
import { addSyntheticSignals, countSignals, multiplySignals } from "./dashboard.ts";
import { startProcess, type Running } from "./processes.ts";
import { withScratchPostgres } from "./scratch-database.ts";
import { createBenchSessions } from "./sessions.ts";

// The dashboard, the inbox, search and the case list at 1,000,000 signals,
// through the real request path: the production build (server/main.js) serving
// a database that was filled in bulk beforehand — the demo, synthetic signals
// up to a tenth of the size, then every row copied in SQL (no HTTP, no
// per-signal transactions: a few minutes per database). Each request is timed
// from the client, one at a time, as a coordinator past the second factor sees
// it (the whole loader, the protection of the figures and the render).

export interface ScaleFigures {
  database: string;
  signals: number;
  kind: "dashboard" | "inbox";
  label: string;
  path: string;
  p50: number;
  p95: number;
  runs: number;
}

/** How one database was prepared and what the machine was doing meanwhile. */
export interface ScaleDatabase {
  database: string;
  signals: number;
  /** Seconds to fill it (null when kept from an earlier run). */
  fillSeconds: number | null;
  /** Seconds from the app listening to its start-up publication of the protected figures being done. */
  publicationSeconds: number;
  /** The machine's 1-minute load average when the requests were timed (first, last). */
  load: [number, number];
}

export interface ScaleResult {
  figures: ScaleFigures[];
  databases: ScaleDatabase[];
}

const SIZE = Number(process.env.BENCH_SCALE_SIZE ?? 1_000_000);
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 40);
const APP_LISTENING = /"message":"Wijkwijs is listening","url":"([^"]+)"/;
const ESCAMP = "den-haag-sd-escamp";

/** The requests timed; `next` ones follow the first inbox page's "next page" link (`?na=`). */
const requests: { kind: ScaleFigures["kind"]; label: string; path: string }[] = [
  { kind: "dashboard", label: "map (13 weeks, city)", path: "/dashboard" },
  { kind: "dashboard", label: "map filtered to Escamp", path: `/dashboard?gebied=${ESCAMP}` },
  { kind: "dashboard", label: "trends (city, comparisons)", path: "/dashboard/trends" },
  { kind: "dashboard", label: "trends filtered (52 weeks, phishing, Escamp, SMS)", path: `/dashboard/trends?periode=52w&fenomeen=phishing&gebied=${ESCAMP}&kanaal=sms` },
  { kind: "dashboard", label: "heatmap (13 weeks, city)", path: "/dashboard/heatmap" },
  { kind: "dashboard", label: "early warning", path: "/dashboard/vroegsignalering" },
  { kind: "dashboard", label: "weekly report (city)", path: "/dashboard/rapport" },
  { kind: "dashboard", label: "export: heatmap CSV", path: "/dashboard/export?tabel=heatmap" },
  { kind: "dashboard", label: "export: trends xlsx", path: "/dashboard/export?tabel=trends&formaat=xlsx" },
  { kind: "inbox", label: "inbox: first page, urgent first, with counts", path: "/signalen" },
  { kind: "inbox", label: "inbox: second page, urgent first (?na=)", path: "next:/signalen" },
  { kind: "inbox", label: "inbox: newest first", path: "/signalen?sorteer=newest" },
  { kind: "inbox", label: "inbox: search 'pakket'", path: "/signalen?q=pakket" },
  { kind: "inbox", label: "inbox: search 'phishing escamp'", path: "/signalen?q=phishing+escamp" },
  { kind: "inbox", label: "inbox: Escamp, received, by deadline", path: `/signalen?stadsdeel=${ESCAMP}&status=received&sorteer=due` },
  { kind: "inbox", label: "inbox: unassigned queue", path: "/signalen?wachtrij=unassigned" },
  { kind: "inbox", label: "case list", path: "/zaken" },
  { kind: "inbox", label: "a case page (its signals and timeline)", path: "case" },
  { kind: "inbox", label: "inbox filtered by a case", path: "case-inbox" },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The demo, synthetic signals up to a tenth of `size`, then copied tenfold; fresh statistics. */
const CASES = 300;

/** Cases as a coordinator makes them: a few hundred, each a handful to a few dozen signals. */
async function addCases(services: AppServices, step: (m: string) => void): Promise<void> {
  step(`linking signals into ${CASES} cases`);
  const coordinator = await services.db.selectFrom("users").select("id").where("role", "=", "coordinator").executeTakeFirstOrThrow();
  const picked = await services.db.selectFrom("signals").select("id").orderBy("received_at", "desc").limit(CASES * 40).execute();
  await services.db.transaction().execute(async (trx) => {
    let next = 0;
    for (let n = 0; n < CASES; n++) {
      const id = randomUUID();
      const createdAt = new Date(Date.now() - n * 3_600_000).toISOString();
      await trx
        .insertInto("signal_cases")
        .values({ id, municipality_id: services.municipality.id, title: `Zaak ${n + 1}`, created_by: coordinator.id, created_at: createdAt, assigned_team: n % 3 === 0 ? "police" : "gemeente", assigned_to: null, status: n % 4 === 0 ? "closed" : "open" })
        .execute();
      const size = 5 + ((n * 7) % 35);
      const ids = picked.slice(next, next + size).map((row) => row.id);
      next += size;
      if (ids.length) await trx.updateTable("signals").set({ case_id: id }).where("id", "in", ids).execute();
    }
  });
}

export async function fill(databaseUrl: string, size: number, step: (m: string) => void): Promise<number> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DEMO_DATA: "false", LOG_LEVEL: "warn", APP_ENV: "development" });
  const services = await createServices(config, { log: createLogger("warn") });
  try {
    // A database kept from an earlier run (BENCH_SCALE_SQLITE, BENCH_SCALE_POSTGRES) is used as it is.
    if ((await countSignals(services)) < size) {
      await seedDemo(services);
      const missing = Math.ceil(size / 10) - (await countSignals(services));
      if (missing > 0) {
        step(`writing ${missing.toLocaleString("en")} synthetic signals`);
        await addSyntheticSignals(services, missing, 4242, "scale");
      }
      step("copying them tenfold (and rebuilding the rollups)");
      // PostgreSQL keeps every version of a row updated within one transaction: the status counts'
      // trigger, upserting a few thousand rows 900,000 times in the copy's one transaction, walks ever
      // longer chains (minutes). For this bulk copy only, the trigger waits and the counts are made
      // afterwards the way migration 0241 makes them.
      const postgres = isPostgres(services.db);
      if (postgres) await sql`alter table signals disable trigger signal_status_counts_insert`.execute(services.db);
      await multiplySignals(services, 10);
      if (postgres) {
        await sql`alter table signals enable trigger signal_status_counts_insert`.execute(services.db);
        await services.db.transaction().execute(async (trx) => {
          await trx.deleteFrom("signal_status_counts").execute();
          await sql`insert into signal_status_counts (municipality_id, wijk_id, phenomenon, urgency, recipients, status, signals)
            select municipality_id, wijk_id, phenomenon, urgency, recipients, status, count(*) from signals
            group by municipality_id, wijk_id, phenomenon, urgency, recipients, status`.execute(trx);
        });
      }
    }
    const cases = await services.db.selectFrom("signal_cases").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    if (Number(cases.n) === 0) await addCases(services, step);
    // What autovacuum does soon after a bulk load: the visibility map, without which PostgreSQL
    // cannot answer from an index alone.
    if (isPostgres(services.db)) await sql`vacuum analyze`.execute(services.db);
    return await countSignals(services);
  } finally {
    await services.tasks.settled();
    await services.db.destroy();
  }
}

async function time(url: string, cookie: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms, body };
}

/** The signals already there (0 for a database without the table yet). */
async function present(databaseUrl: string): Promise<number> {
  const services = await createServices(loadConfig({ DATABASE_URL: databaseUrl, DEMO_DATA: "false", LOG_LEVEL: "warn", APP_ENV: "development" }), { log: createLogger("warn") });
  try {
    return await countSignals(services);
  } finally {
    await services.db.destroy();
  }
}

async function measureOn(database: string, databaseUrl: string, step: (m: string) => void, reuse: boolean): Promise<ScaleResult> {
  const filled = Date.now();
  const already = reuse ? await present(databaseUrl) : 0;
  const signals = await fill(databaseUrl, SIZE, (m) => step(`scale on ${database}: ${m}`));
  const fillSeconds = already >= SIZE ? null : Math.round((Date.now() - filled) / 1000);
  step(`scale on ${database}: ${signals.toLocaleString("en")} signals ${already >= SIZE ? "(kept from an earlier run)" : `in ${Math.round((Date.now() - filled) / 1000)} s`}`);
  const { coordinatorToken } = await createBenchSessions(databaseUrl, 0);
  const cookie = `${SESSION_COOKIE}=${coordinatorToken}`;
  let app: Running | undefined;
  const figures: ScaleFigures[] = [];
  try {
    app = await startProcess(
      "the app",
      [path.join(projectRoot, "server", "main.js")],
      { DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", APP_ENV: "development", DEMO_DATA: "false", LOG_LEVEL: "info" },
      APP_LISTENING,
      projectRoot,
    );
    step(`scale on ${database}: waiting for the app's start-up publication of the figures`);
    const listening = Date.now();
    await app.logged("figures up to date", 15 * 60_000);
    const publicationSeconds = (Date.now() - listening) / 1000;
    const loadBefore = os.loadavg()[0]!;
    const first = await time(`${app.url}/signalen`, cookie);
    const na = /[?&;]na=([A-Za-z0-9_-]+)/.exec(first.body.replaceAll("&amp;", "&"))?.[1];
    if (!na) throw new Error("the first inbox page has no link to the next page");
    const caseId = /href="\/zaken\/([0-9a-f-]{36})"/.exec((await time(`${app.url}/zaken`, cookie)).body)?.[1];
    if (!caseId) throw new Error("the case list links to no case");
    for (const request of requests) {
      const requestPath = request.path.startsWith("next:")
        ? `${request.path.slice(5)}?na=${na}`
        : request.path === "case"
          ? `/zaken/${caseId}`
          : request.path === "case-inbox"
            ? `/signalen?zaak=${caseId}`
            : request.path;
      const url = `${app.url}${requestPath}`;
      for (let i = 0; i < 3; i++) await time(url, cookie); // warm-up
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) times.push((await time(url, cookie)).ms);
      times.sort((a, b) => a - b);
      const result = { database, signals, kind: request.kind, label: request.label, path: requestPath, p50: percentile(times, 50), p95: percentile(times, 95), runs: RUNS };
      figures.push(result);
      step(`scale on ${database}: ${request.label}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`);
    }
    return { figures, databases: [{ database, signals, fillSeconds, publicationSeconds, load: [loadBefore, os.loadavg()[0]!] }] };
  } finally {
    await app?.stop();
  }
}

// BENCH_SCALE_SQLITE (a file) and BENCH_SCALE_POSTGRES (a database URL) keep the filled databases
// between runs, for working on a slow request: filled when they hold fewer signals, never dropped.
export async function measureScale(options: { step: (m: string) => void; workDirectory: string }): Promise<ScaleResult> {
  const keptFile = process.env.BENCH_SCALE_SQLITE;
  const result = await measureOn("SQLite", `file:${keptFile ?? path.join(options.workDirectory, "scale.db")}`, options.step, Boolean(keptFile));
  if (process.env.BENCH_SCALE_POSTGRES) {
    return merge(result, await measureOn("PostgreSQL", process.env.BENCH_SCALE_POSTGRES, options.step, true));
  }
  const postgres = process.env.TEST_DATABASE_URL;
  if (!postgres) {
    options.step("scale on PostgreSQL skipped: TEST_DATABASE_URL is not set");
    return result;
  }
  // A database of its own, dropped afterwards.
  return merge(result, await withScratchPostgres(postgres, "wijkwijs_scale", options.step, (url) => measureOn("PostgreSQL", url, options.step, false)));
}

function merge(a: ScaleResult, b: ScaleResult): ScaleResult {
  return { figures: [...a.figures, ...b.figures], databases: [...a.databases, ...b.databases] };
}

