// npm run bench — builds the production app (the npm script does), starts it
// on a fresh database and measures what docs/benchmarks.md reports: signal
// ingest beside a bare node:http loop, a resident flow page beside a bare
// renderToString server, the dashboard at 10k/100k/1M signals, the payload
// per route type, Lighthouse scores and the server's peak memory. Budgets are
// checked here, never in the test suite. Any measurement that cannot be taken
// stops the run with a non-zero exit.
//
// `npm run bench -- --only flow,pages` measures some parts only (ingest, flow,
// pages, dashboard; see parts.ts) and rewrites only their sections of
// docs/benchmarks.md, keeping the others as the last run left them.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SESSION_COOKIE } from "#app/features/auth/session.server.ts";
import { projectRoot } from "#server/services.ts";
import { readFileSync, existsSync } from "node:fs";
import { buildBareFlowRenderer } from "./build-bare.ts";
import { scriptsFetchedBy, type BrowserScripts } from "./browser-payload.ts";
import { parseParts } from "./parts.ts";
import { createBenchSessions } from "./sessions.ts";
import { measureDashboard, type DashboardFigures } from "./dashboard.ts";
import { measureScale } from "./scale.ts";
import { runLighthouse, type LighthouseScores } from "./lighthouse.ts";
import { compareWithBaseline } from "./load.ts";
import { payloadOf, type Payload } from "./payload.ts";
import { startProcess, type Running } from "./processes.ts";
import { renderReport, type BenchReport } from "./report.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const AMBASSADORS = Number(process.env.BENCH_AMBASSADORS ?? 500);
const DEMO_PASSWORD = "wijkwijs-demo-2026";
const FLOW_PATH = "/hulp/phishing";
const APP_LISTENING = /"message":"Wijkwijs is listening","url":"([^"]+)"/;
const BARE_LISTENING = /^listening (\S+)$/;
const clientDirectory = path.join(projectRoot, "build", "client");

const parts = parseParts(process.argv.slice(2));
const started = Date.now();
function step(message: string) {
  process.stdout.write(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${message}\n`);
}

const workDirectory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-bench-"));
const databaseUrl = `file:${path.join(workDirectory, "bench.db")}`;
const appEnv = {
  DATABASE_URL: databaseUrl,
  PORT: "0",
  HOST: "127.0.0.1",
  APP_ENV: "development",
  DEMO_DATA: "true",
  LOG_LEVEL: "info",
};

function startApp(): Promise<Running> {
  return startProcess("the app", [path.join(projectRoot, "server", "main.js")], appEnv, APP_LISTENING, projectRoot);
}

async function logIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/inloggen`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, terug: "" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (response.status !== 302 || !cookie) throw new Error(`logging in as ${email} failed: ${response.status}`);
  return cookie.split(";")[0]!.slice(SESSION_COOKIE.length + 1);
}

async function warmUp(url: string, init: () => RequestInit, times = 50) {
  for (let i = 0; i < times; i++) {
    const response = await fetch(url, init());
    await response.arrayBuffer();
  }
}

let app: Running | undefined;
let bareIngest: Running | undefined;
let bareFlow: Running | undefined;
try {
  step(`measuring: ${[...parts].join(", ")}`);
  const report: BenchReport = { date: new Date(), seconds: SECONDS, connections: CONNECTIONS, rounds: ROUNDS, parts: [...parts] };

  // The app on the demo database serves ingest, the flow page and the pages; the dashboard and
  // scale parts start their own.
  if (parts.has("ingest") || parts.has("flow") || parts.has("pages")) {
    step(`starting the app on a fresh SQLite database (${databaseUrl})`);
    app = await startApp();
    // The app publishes the dashboard's protected figures when it starts (a
    // disclosure audit that keeps a core busy for a while on a fresh database);
    // measuring before it is done would measure that job, not the requests.
    step("waiting for the app's start-up publication of the figures");
    await app.logged("figures up to date", 10 * 60_000);
    const token = await logIn(app.url, "ambassadeur@demo.wijkwijs.nl");
    const cookie = `${SESSION_COOKIE}=${token}`;
    // Many ambassadors, each well inside the hourly signal limit (which stays on, as in production),
    // and a coordinator past the second factor for the dashboard's page.
    const ambassadorCount = parts.has("ingest") ? AMBASSADORS : 0;
    step(`creating ${ambassadorCount} ambassador sessions and a coordinator's`);
    const sessions = await createBenchSessions(databaseUrl, ambassadorCount);
    const ambassadorCookies = sessions.ambassadorTokens.map((t) => `${SESSION_COOKIE}=${t}`);
    let nextAmbassador = 0;
    const someAmbassador = () => ambassadorCookies[nextAmbassador++ % ambassadorCookies.length]!;
    const base = {
      phenomenon: "phishing",
      wijkId: "den-haag-wk-moerwijk",
      when: "this_week",
      channel: "sms",
      targetGroup: "elderly",
      affected: "few",
      outcome: "attempt",
      urgency: "normal",
      recipients: "gemeente",
      freeText: "Mevrouw Jansen kreeg een sms van 06-12345678 over een pakket, met een link https://postnl-pakket.info/betaal?id=AB12CD34 en IBAN NL91 ABNA 0417 1643 00.",
    };
    const jsonHeaders = { cookie, origin: app.url, "content-type": "application/json", accept: "application/json" };
    const previewResponse = await fetch(`${app.url}/signalen/nieuw`, {
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ ...base, idempotencyKey: randomUUID(), intent: "preview" }),
    });
    const preview = (await previewResponse.json()) as { preview?: { text: string } };
    if (!preview.preview) throw new Error(`no preview from the app: ${previewResponse.status}`);
    const signalBody = () => JSON.stringify({ ...base, idempotencyKey: randomUUID(), intent: "send", confirmedText: preview.preview!.text });
    const created = (status: number) => status === 201;

    if (parts.has("ingest")) {
      step("starting the bare ingest server");
      bareIngest = await startProcess(
        "the bare ingest server",
        [path.join(projectRoot, "scripts", "bench", "bare-ingest-server.ts")],
        { ...appEnv, SESSION_TOKEN: token },
        BARE_LISTENING,
        projectRoot,
      );

      const bareHeaders = { "content-type": "application/json" };
      step("ingest: warming up");
      await warmUp(`${app.url}/signalen/nieuw`, () => ({ method: "POST", headers: { ...jsonHeaders, cookie: someAmbassador() }, body: signalBody() }));
      await warmUp(bareIngest.url, () => ({ method: "POST", headers: bareHeaders, body: signalBody() }));
      const ingestOptions = { method: "POST" as const, body: signalBody, connections: CONNECTIONS, seconds: SECONDS, expectStatus: created };
      const { cookie: _demoAmbassador, ...ingestHeaders } = jsonHeaders;
      const ingest = await compareWithBaseline(
        "ingest",
        { ...ingestOptions, url: `${app.url}/signalen/nieuw`, headers: ingestHeaders, perRequestHeaders: () => ({ cookie: someAmbassador() }) },
        { ...ingestOptions, url: bareIngest.url, headers: bareHeaders },
        ROUNDS,
        step,
      );
      report.ingest = { ...ingest, peakRss: app.peakRss() };
      await bareIngest.stop();
      bareIngest = undefined;
    }

    const flowResponse = await fetch(`${app.url}${FLOW_PATH}`);
    const flowHtml = await flowResponse.text();
    if (flowResponse.status !== 200) throw new Error(`${FLOW_PATH} answered ${flowResponse.status}`);

    // ---- resident flow page ----------------------------------------------
    if (parts.has("flow")) {
      step("building the bare flow renderer");
      const bareRenderer = await buildBareFlowRenderer(projectRoot);
      const stylesheets = [...flowHtml.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
      bareFlow = await startProcess(
        "the bare flow server",
        [path.join(projectRoot, "scripts", "bench", "bare-flow-server.ts")],
        // React in its production build, as the app runs it (server/main.js sets the same).
      { BARE_RENDERER: bareRenderer, STYLESHEETS: stylesheets.join(","), NODE_ENV: "production" },
        BARE_LISTENING,
        projectRoot,
      );

      step("flow page: warming up");
      await warmUp(`${app.url}${FLOW_PATH}`, () => ({}), 100);
      await warmUp(`${bareFlow.url}${FLOW_PATH}`, () => ({}), 100);
      const pageOptions = { connections: CONNECTIONS, seconds: SECONDS, expectStatus: (status: number) => status === 200 };
      const flow = await compareWithBaseline(
        "flow page",
        { ...pageOptions, url: `${app.url}${FLOW_PATH}`, pid: app.child.pid },
        { ...pageOptions, url: `${bareFlow.url}${FLOW_PATH}`, pid: bareFlow.child.pid },
        ROUNDS,
        step,
      );
      report.flow = { ...flow, path: FLOW_PATH };
      await bareFlow.stop();
      bareFlow = undefined;
    }

    // ---- payload per route type -----------------------------------------
    if (parts.has("pages")) {
      step("payload per route type");
      const ambassadorHome = await fetch(`${app.url}/start`, { headers: { cookie } });
      if (ambassadorHome.status !== 200) throw new Error(`/start answered ${ambassadorHome.status}`);
      const ambassadorHtml = await ambassadorHome.text();
      const dashboardPage = await fetch(`${app.url}/dashboard`, { headers: { cookie: `${SESSION_COOKIE}=${sessions.coordinatorToken}` }, redirect: "manual" });
      if (dashboardPage.status !== 200) throw new Error(`/dashboard answered ${dashboardPage.status} for the demo coordinator`);
      const payload: Record<string, Payload> = {
        "resident flow": payloadOf(flowHtml, clientDirectory),
        "ambassador home": payloadOf(ambassadorHtml, clientDirectory),
        dashboard: payloadOf(await dashboardPage.text(), clientDirectory),
      };

      // ---- Lighthouse --------------------------------------------------------
      const lighthouseScores: Record<string, LighthouseScores> = {};
      step("Lighthouse: resident flow step");
      lighthouseScores["resident flow"] = await runLighthouse(`${app.url.replace("127.0.0.1", "localhost")}${FLOW_PATH}`);
      step("Lighthouse: ambassador home");
      lighthouseScores["ambassador home"] = await runLighthouse(`${app.url.replace("127.0.0.1", "localhost")}/start`, { cookie });
      step("scripts a browser fetches for the ambassador home");
      const homeScripts: BrowserScripts = await scriptsFetchedBy(`${app.url.replace("127.0.0.1", "localhost")}/start`, { cookie });
      report.payload = payload;
      report.lighthouse = lighthouseScores;
      report.ambassadorHomeScripts = homeScripts;
    }
    await app.stop();
    app = undefined;
  }

  // ---- dashboard at scale ----------------------------------------------
  if (parts.has("dashboard")) {
      const dashboard: DashboardFigures[] = await measureDashboard({ step, workDirectory });
      report.dashboard = dashboard;
  }

  // ---- dashboard, inbox and search at 1M signals, through HTTP -----------
  if (parts.has("scale")) {
    report.scale = await measureScale({ step, workDirectory });
  }

  const reportFile = path.join(projectRoot, "docs", "benchmarks.md");
  const previous = existsSync(reportFile) ? readFileSync(reportFile, "utf8") : "";
  const markdown = renderReport(report, previous);
  writeFileSync(reportFile, markdown);
  process.stdout.write(`\n${markdown}\n`);
  step("written to docs/benchmarks.md");
} catch (error) {
  process.stderr.write(`\nThe benchmark could not take every measurement: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await app?.stop();
  await bareIngest?.stop();
  await bareFlow?.stop();
  rmSync(workDirectory, { recursive: true, force: true });
}
