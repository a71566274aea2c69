import os from "node:os";
import type { DashboardFigures } from "./dashboard.ts";
import type { ScaleResult } from "./scale.ts";
import type { LighthouseScores } from "./lighthouse.ts";
import type { LoadResult } from "./load.ts";
import type { Payload } from "./payload.ts";
import type { BrowserScripts } from "./browser-payload.ts";
import { PARTS, type Part } from "./parts.ts";

// docs/benchmarks.md: the figures, the ratios against the bare baselines, and
// each budget with whether this run met it.

export interface BenchReport {
  date: Date;
  seconds: number;
  connections: number;
  rounds: number;
  /** The parts this run measured; the others keep what docs/benchmarks.md said. */
  parts: Part[];
  ingest?: { app: LoadResult; bare: LoadResult; peakRss: number };
  flow?: { app: LoadResult; bare: LoadResult; path: string };
  dashboard?: DashboardFigures[];
  scale?: ScaleResult;
  payload?: Record<string, Payload>;
  lighthouse?: Record<string, LighthouseScores>;
  ambassadorHomeScripts?: BrowserScripts;
}

export const budgets = {
  residentFlowJsGzip: 60 * 1024,
  residentPerformance: 95,
  residentAccessibility: 100,
  ingestRatio: 0.5,
  flowRatio: 0.5,
  ambassadorHomeJsGzip: 110 * 1024,
  ambassadorPerformance: 95,
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

function measured(report: BenchReport): string {
  const only = report.parts.length < PARTS.length ? ` -- --only ${report.parts.join(",")}` : "";
  return `_Measured ${report.date.toISOString()} by \`npm run bench${only}\`._`;
}

interface Section {
  title: string;
  part: Part;
  render: (report: BenchReport) => string[] | null;
}

const sections: Section[] = [
  {
    title: "## Signal ingest",
    part: "ingest",
    render: (report) => {
      const ingest = report.ingest;
      if (!ingest) return null;
      const ratio = ingest.app.requestsPerSecond / ingest.bare.requestsPerSecond;
      return [
        measured(report),
        "",
        "Authenticated JSON submissions of a signal whose free text holds personal data (scrubbed on the server), each with a new idempotency key.",
        "",
        "| server | requests/s | p50 | p99 | requests |",
        "| --- | ---: | ---: | ---: | ---: |",
        loadRow("the app: `POST /signalen/nieuw` (session, origin check, hourly limit, zod, scrubber; insert, rollups and the limit's count in one transaction)", ingest.app),
        loadRow("bare `node:http`: the same zod parse and insert (`submitSignal`) into the same database", ingest.bare),
        "",
        `**Ratio app / bare: ${percent(ratio)}** (budget ≥ ${percent(budgets.ingestRatio)}: ${verdict(ratio >= budgets.ingestRatio)}). Peak RSS of the app process during ingest: ${(ingest.peakRss / 2 ** 20).toFixed(0)} MiB.`,
      ];
    },
  },
  {
    title: "## Resident flow page",
    part: "flow",
    render: (report) => {
      const flow = report.flow;
      if (!flow) return null;
      const ratio = flow.app.requestsPerSecond / flow.bare.requestsPerSecond;
      return [
        measured(report),
        "",
        `\`GET ${flow.path}\` (the first question of the phishing flow), server-rendered, no JavaScript on the page. Medians over ${report.rounds} alternating rounds.`,
        "",
        "| server | requests/s | p50 | p99 | requests |",
        "| --- | ---: | ---: | ---: | ---: |",
        loadRow("the app (Express, security headers and nonce, origin and size checks, compression, React Router's handler, middleware, loaders, one-string render for pages without scripts)", flow.app),
        loadRow("bare `renderToString` of the same component tree on `node:http`", flow.bare),
        "",
        `**Ratio app / bare: ${percent(ratio)}** (budget ≥ ${percent(budgets.flowRatio)}: ${verdict(ratio >= budgets.flowRatio)}).`,
        ...(flow.app.cpuMsPerRequest !== undefined && flow.bare.cpuMsPerRequest !== undefined
          ? [
              "",
              `CPU time per request (user + system, median over the rounds), which a busy shared machine disturbs far less than requests per second: the app ${ms(flow.app.cpuMsPerRequest)}, the bare renderer ${ms(flow.bare.cpuMsPerRequest)} — the bare renderer does ${percent(flow.bare.cpuMsPerRequest / flow.app.cpuMsPerRequest)} of the app's work per page.`,
            ]
          : []),
      ];
    },
  },
  {
    title: "## Dashboard",
    part: "dashboard",
    render: (report) => {
      if (!report.dashboard) return null;
      return [
        measured(report),
        "",
        "Time to compute the data of a dashboard view (what its loader returns), median and 95th percentile over repeated calls, on synthetic signals.",
        "",
        "| database | signals | view | p50 | p95 | runs |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
        ...report.dashboard.map(
          (figures) => `| ${figures.database} | ${figures.signals.toLocaleString("en")} | ${figures.view} | ${ms(figures.p50)} | ${ms(figures.p95)} | ${figures.runs} |`,
        ),
      ];
    },
  },
  {
    title: "## At 1,000,000 signals, through HTTP",
    part: "scale",
    render: (report) => {
      if (!report.scale) return null;
      const { figures, databases } = report.scale;
      return [
        measured(report),
        "",
        "Whole requests to the production build (server/main.js) as the demo coordinator past the second factor: session, loader (with the protection of the figures), render and compression, timed by the client one at a time after three warm-up requests, median and 95th percentile. Budget: p95 < 100 ms (issue 16 for the dashboard, its exports and the report; issue 17 for the inbox, search and case pages).",
        "",
        "The data: the demo, synthetic signals to 100,000 over 104 weeks, every row copied tenfold in SQL (rollups rebuilt, `analyze`; `vacuum analyze` on PostgreSQL, as autovacuum would), and 300 cases of 5–40 signals. Like the demo, nearly all synthetic signals are handled and only the demo's signals (and their copies) have free text, so searches for a word find few signals and open-work queues are short.",
        "",
        ...databases.map(
          (d) =>
            `- **${d.database}:** ${d.signals.toLocaleString("en")} signals, ${d.fillSeconds === null ? "kept from an earlier run" : `filled in ${d.fillSeconds} s`}; the app's start-up publication of the protected figures (the disclosure protection, made once per year and instance and then served from memory) took ${d.publicationSeconds.toFixed(1)} s; the machine's load average was ${d.load[0].toFixed(1)} when the requests began and ${d.load[1].toFixed(1)} when they ended (2 cores, shared with other engineers' builds and tests: p95 figures especially are noisy).`,
        ),
        "",
        "| database | signals | request | p50 | p95 | runs | budget |",
        "| --- | ---: | --- | ---: | ---: | ---: | --- |",
        ...figures.map(
          (f) => `| ${f.database} | ${f.signals.toLocaleString("en")} | ${f.label}: \`GET ${f.path.length > 60 ? `${f.path.slice(0, 57)}…` : f.path}\` | ${ms(f.p50)} | ${ms(f.p95)} | ${f.runs} | ${verdict(f.p95 < budgets.dashboardP95Ms)} |`,
        ),
      ];
    },
  },
  {
    title: "## Payload per route type",
    part: "pages",
    render: (report) => {
      if (!report.payload) return null;
      const home = report.ambassadorHomeScripts;
      return [
        measured(report),
        "",
        "Every script, module preload and stylesheet the served page names, from `build/client`.",
        "",
        "| page | JS gzip | JS brotli | CSS gzip | CSS brotli | files |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        ...Object.entries(report.payload).map(
          ([page, p]) => `| ${page} | ${kb(p.jsGzip)} | ${kb(p.jsBrotli)} | ${kb(p.cssGzip)} | ${kb(p.cssBrotli)} | ${p.files} |`,
        ),
        ...(home
          ? [
              "",
              `**Ambassador home (\`/start\`, logged in) in Chromium:** every script the browser fetched until the page had hydrated — the ones the HTML names and those it imports itself (its strings) — ${kb(home.jsGzip)} gzip in ${home.files} files (budget ≤ ${kb(budgets.ambassadorHomeJsGzip)}: ${verdict(home.jsGzip <= budgets.ambassadorHomeJsGzip)}). Largest: ${home.largest.map((file) => `\`${file.path}\` ${kb(file.gzip)}`).join(", ")}.`,
            ]
          : []),
      ];
    },
  },
  {
    title: "## Lighthouse (mobile, simulated throttling)",
    part: "pages",
    render: (report) => {
      if (!report.lighthouse) return null;
      return [
        measured(report),
        "",
        "| page | performance | accessibility | best practices | SEO |",
        "| --- | ---: | ---: | ---: | ---: |",
        ...Object.entries(report.lighthouse).map(([page, s]) => `| ${page} | ${s.performance} | ${s.accessibility} | ${s.bestPractices} | ${s.seo} |`),
      ];
    },
  },
];

function budgetRows(report: BenchReport): string[] {
  const rows: string[] = [];
  if (report.payload || report.lighthouse) {
    const residentPayload = report.payload?.["resident flow"];
    const residentLighthouse = report.lighthouse?.["resident flow"];
    const ambassadorLighthouse = report.lighthouse?.["ambassador home"];
    const home = report.ambassadorHomeScripts;
    rows.push(
      `| resident flow pages ≤ ${kb(budgets.residentFlowJsGzip)} JavaScript (gzip) | ${kb(residentPayload?.jsGzip ?? NaN)} | ${verdict((residentPayload?.jsGzip ?? Infinity) <= budgets.residentFlowJsGzip)} |`,
      `| resident pages: Lighthouse performance ≥ ${budgets.residentPerformance} | ${residentLighthouse?.performance} | ${verdict((residentLighthouse?.performance ?? 0) >= budgets.residentPerformance)} |`,
      `| resident pages: Lighthouse accessibility = ${budgets.residentAccessibility} | ${residentLighthouse?.accessibility} | ${verdict((residentLighthouse?.accessibility ?? 0) >= budgets.residentAccessibility)} |`,
      `| ambassador home ≤ ${kb(budgets.ambassadorHomeJsGzip)} JavaScript (gzip, everything fetched until hydrated) | ${kb(home?.jsGzip ?? NaN)} | ${verdict((home?.jsGzip ?? Infinity) <= budgets.ambassadorHomeJsGzip)} |`,
      `| ambassador home: Lighthouse performance ≥ ${budgets.ambassadorPerformance} | ${ambassadorLighthouse?.performance} | ${verdict((ambassadorLighthouse?.performance ?? 0) >= budgets.ambassadorPerformance)} |`,
    );
  }
  if (report.ingest) {
    const ratio = report.ingest.app.requestsPerSecond / report.ingest.bare.requestsPerSecond;
    rows.push(`| signal ingest ≥ ${percent(budgets.ingestRatio)} of the bare loop | ${percent(ratio)} | ${verdict(ratio >= budgets.ingestRatio)} |`);
  }
  if (report.flow) {
    const ratio = report.flow.app.requestsPerSecond / report.flow.bare.requestsPerSecond;
    rows.push(
      `| resident flow pages served at ≥ ${percent(budgets.flowRatio)} of a bare \`renderToString\` | ${percent(ratio)} | ${verdict(ratio >= budgets.flowRatio)} |`,
    );
  }
  if (report.dashboard) {
    const largest = report.dashboard.filter((figures) => figures.signals === Math.max(...report.dashboard!.map((f) => f.signals)));
    rows.push(
      ...largest.map(
        (figures) =>
          `| dashboard p95 < ${budgets.dashboardP95Ms} ms at ${figures.signals.toLocaleString("en")} signals (${figures.database}, ${figures.view}) | ${ms(figures.p95)} | ${verdict(figures.p95 < budgets.dashboardP95Ms)} |`,
      ),
    );
  }
  if (report.scale) {
    rows.push(
      ...report.scale.figures.map(
        (f) => `| at scale: p95 < ${budgets.dashboardP95Ms} ms at ${f.signals.toLocaleString("en")} signals through HTTP (${f.database}, ${f.label}) | ${ms(f.p95)} | ${verdict(f.p95 < budgets.dashboardP95Ms)} |`,
      ),
    );
  }
  return rows;
}

/** Which part wrote a row of the budget table (rows of earlier runs are recognised by their wording). */
export function partOfBudgetRow(row: string): Part {
  if (/\|\s*signal ingest/.test(row)) return "ingest";
  if (/\|\s*resident flow pages served at/.test(row)) return "flow";
  if (/\|\s*dashboard p95/.test(row)) return "dashboard";
  if (/\|\s*at scale:/.test(row)) return "scale";
  return "pages";
}

/** The previous report's sections by title, and the rows of its budget table. */
function parsePrevious(markdown: string): { sections: Map<string, string[]>; budgetRows: string[] } {
  const found = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("## ")) {
      current = [];
      found.set(line.trim(), current);
    } else if (current) current.push(line);
  }
  // Sections written before sections were dated carry the date of the run the old header named.
  const oldRun = /^- \*\*(?:Run|Last run):\*\* (\S+)/m.exec(markdown)?.[1];
  if (oldRun) {
    for (const [title, lines] of found) {
      const first = lines.find((line) => line.trim());
      if (title !== "## Budgets" && first && !first.startsWith("_Measured")) lines.unshift(`_Measured ${oldRun} by \`npm run bench\`._`, "");
    }
  }
  const budget = found.get("## Budgets") ?? [];
  const rows = budget.filter((line) => line.startsWith("| ") && !line.startsWith("| budget ") && !line.startsWith("| ---"));
  for (const [title, lines] of found) {
    // Trim the blank lines around a section's body; the renderer puts its own.
    while (lines.length && !lines[0]!.trim()) lines.shift();
    while (lines.length && !lines.at(-1)!.trim()) lines.pop();
    found.set(title, lines);
  }
  return { sections: found, budgetRows: rows };
}

/**
 * docs/benchmarks.md after this run: the sections of the parts it measured
 * rewritten, the others (and their budget rows) kept from the previous file.
 */
export function renderReport(report: BenchReport, previousMarkdown = ""): string {
  const previous = parsePrevious(previousMarkdown);
  const ran = new Set(report.parts);
  const lines: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (scripts/bench/). Every figure in the README about speed or scale comes from here. `npm run bench -- --only flow,pages` measures some parts only (ingest, flow, pages, dashboard, scale) and rewrites only their sections; each section says when it was measured.",
    "",
    `- **Last run:** ${report.date.toISOString()} (${report.parts.join(", ")})`,
    `- **Machine:** ${machine()}`,
    `- **Load:** autocannon, ${report.connections} connections for ${report.seconds} s per measurement, after a warm-up; the app and its bare baseline measured in alternation for ${report.rounds} rounds, each figure the median over the rounds; servers and load generator in separate processes on the same machine.`,
    "- **Database:** SQLite (node:sqlite, WAL, synchronous=FULL, as the app runs it: an acknowledged signal is on disk) for ingest and pages; the dashboard on each database listed.",
    "",
    "Shared machines are noisy: compare ratios within one run rather than absolute figures between runs.",
    "",
  ];
  for (const section of sections) {
    const body = ran.has(section.part) ? section.render(report) : (previous.sections.get(section.title) ?? null);
    if (!body) continue;
    lines.push(section.title, "", ...body, "");
  }
  const rows = [...previous.budgetRows.filter((row) => !ran.has(partOfBudgetRow(row))), ...budgetRows(report)];
  rows.sort((a, b) => PARTS.indexOf(partOfBudgetRow(a)) - PARTS.indexOf(partOfBudgetRow(b)));
  lines.push(
    "## Budgets",
    "",
    "| budget | this run | |",
    "| --- | --- | --- |",
    ...rows,
    "",
    "Resident flow pages are also fully usable with JavaScript off: they are sent without React's scripts at all (decision 0007), which the end-to-end tests check.",
    "",
  );
  return lines.join("\n");
}
