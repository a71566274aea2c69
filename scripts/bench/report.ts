import os from "node:os";
import type { DashboardFigures } from "./dashboard.ts";
import type { LighthouseScores } from "./lighthouse.ts";
import type { LoadResult } from "./load.ts";
import type { Payload } from "./payload.ts";

// docs/benchmarks.md: the figures, the ratios against the bare baselines, and
// each budget with whether this run met it.

export interface BenchReport {
  date: Date;
  seconds: number;
  connections: number;
  rounds: number;
  ingest: { app: LoadResult; bare: LoadResult; peakRss: number };
  flow: { app: LoadResult; bare: LoadResult; path: string };
  dashboard: DashboardFigures[];
  payload: Record<string, Payload>;
  lighthouse: Record<string, LighthouseScores>;
}

export const budgets = {
  residentFlowJsGzip: 60 * 1024,
  residentPerformance: 95,
  residentAccessibility: 100,
  ingestRatio: 0.5,
  dashboardP95Ms: 100,
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const rate = (value: number) => value.toFixed(0);
const percent = (value: number) => `${(value * 100).toFixed(0)} %`;
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node.js ${process.versions.node}`;
}

function loadRow(label: string, result: LoadResult): string {
  return `| ${label} | ${rate(result.requestsPerSecond)} | ${ms(result.p50)} | ${ms(result.p99)} | ${result.requests} |`;
}

export function renderReport(report: BenchReport): string {
  const ingestRatio = report.ingest.app.requestsPerSecond / report.ingest.bare.requestsPerSecond;
  const flowRatio = report.flow.app.requestsPerSecond / report.flow.bare.requestsPerSecond;
  const residentPayload = report.payload["resident flow"];
  const residentLighthouse = report.lighthouse["resident flow"];
  const largest = report.dashboard.filter((figures) => figures.signals === Math.max(...report.dashboard.map((f) => f.signals)));

  const lines: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (scripts/bench/). Every figure in the README about speed or scale comes from here.",
    "",
    `- **Run:** ${report.date.toISOString()}`,
    `- **Machine:** ${machine()}`,
    `- **Load:** autocannon, ${report.connections} connections for ${report.seconds} s per measurement, after a warm-up; the app and its bare baseline measured in alternation for ${report.rounds} rounds, each figure the median over the rounds; servers and load generator in separate processes on the same machine.`,
    "- **Database:** SQLite (node:sqlite, WAL, synchronous=FULL, as the app runs it: an acknowledged signal is on disk) for ingest and pages; the dashboard on each database listed.",
    "",
    "Shared machines are noisy: compare ratios within one run rather than absolute figures between runs.",
    "",
    "## Signal ingest",
    "",
    "Authenticated JSON submissions of a signal whose free text holds personal data (scrubbed on the server), each with a new idempotency key.",
    "",
    "| server | requests/s | p50 | p99 | requests |",
    "| --- | ---: | ---: | ---: | ---: |",
    loadRow("the app: `POST /signalen/nieuw` (session, origin check, hourly limit, zod, scrubber; insert, rollups and the limit's count in one transaction)", report.ingest.app),
    loadRow("bare `node:http`: the same zod parse and insert (`submitSignal`) into the same database", report.ingest.bare),
    "",
    `**Ratio app / bare: ${percent(ingestRatio)}** (budget ≥ ${percent(budgets.ingestRatio)}: ${verdict(ingestRatio >= budgets.ingestRatio)}). Peak RSS of the app process during ingest: ${(report.ingest.peakRss / 2 ** 20).toFixed(0)} MiB.`,
    "",
    "## Resident flow page",
    "",
    `\`GET ${report.flow.path}\` (the first question of the phishing flow), server-rendered.`,
    "",
    "| server | requests/s | p50 | p99 | requests |",
    "| --- | ---: | ---: | ---: | ---: |",
    loadRow("the app (React Router request handler, middleware, security headers, streaming render)", report.flow.app),
    loadRow("bare `renderToString` of the same component tree on `node:http`", report.flow.bare),
    "",
    `**Ratio app / bare: ${percent(flowRatio)}.**`,
    "",
    "## Dashboard",
    "",
    "Time to compute the data of a dashboard view (what its loader returns), median and 95th percentile over repeated calls, on synthetic signals.",
    "",
    "| database | signals | view | p50 | p95 | runs |",
    "| --- | ---: | --- | ---: | ---: | ---: |",
    ...report.dashboard.map(
      (figures) => `| ${figures.database} | ${figures.signals.toLocaleString("en")} | ${figures.view} | ${ms(figures.p50)} | ${ms(figures.p95)} | ${figures.runs} |`,
    ),
    "",
    "## Payload per route type",
    "",
    "Every script, module preload and stylesheet the served page names, from `build/client`.",
    "",
    "| page | JS gzip | JS brotli | CSS gzip | CSS brotli | files |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...Object.entries(report.payload).map(
      ([page, p]) => `| ${page} | ${kb(p.jsGzip)} | ${kb(p.jsBrotli)} | ${kb(p.cssGzip)} | ${kb(p.cssBrotli)} | ${p.files} |`,
    ),
    "",
    "## Lighthouse (mobile, simulated throttling)",
    "",
    "| page | performance | accessibility | best practices | SEO |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...Object.entries(report.lighthouse).map(([page, s]) => `| ${page} | ${s.performance} | ${s.accessibility} | ${s.bestPractices} | ${s.seo} |`),
    "",
    "## Budgets",
    "",
    "| budget | this run | |",
    "| --- | --- | --- |",
    `| resident flow pages ≤ ${kb(budgets.residentFlowJsGzip)} JavaScript (gzip) | ${kb(residentPayload?.jsGzip ?? NaN)} | ${verdict((residentPayload?.jsGzip ?? Infinity) <= budgets.residentFlowJsGzip)} |`,
    `| resident pages: Lighthouse performance ≥ ${budgets.residentPerformance} | ${residentLighthouse?.performance} | ${verdict((residentLighthouse?.performance ?? 0) >= budgets.residentPerformance)} |`,
    `| resident pages: Lighthouse accessibility = ${budgets.residentAccessibility} | ${residentLighthouse?.accessibility} | ${verdict((residentLighthouse?.accessibility ?? 0) >= budgets.residentAccessibility)} |`,
    `| signal ingest ≥ ${percent(budgets.ingestRatio)} of the bare loop | ${percent(ingestRatio)} | ${verdict(ingestRatio >= budgets.ingestRatio)} |`,
    ...largest.map(
      (figures) =>
        `| dashboard p95 < ${budgets.dashboardP95Ms} ms at ${figures.signals.toLocaleString("en")} signals (${figures.database}, ${figures.view}) | ${ms(figures.p95)} | ${verdict(figures.p95 < budgets.dashboardP95Ms)} |`,
    ),
    "",
    "Resident flow pages are also fully usable with JavaScript off: they are sent without React's scripts at all (decision 0007), which the end-to-end tests check.",
    "",
  ];
  return lines.join("\n");
}
