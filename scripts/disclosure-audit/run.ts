// `npm run disclosure:audit [-- --database-url <url>] [--year <yyyy>]`: starts
// the built app on a fresh demo database (SQLite in a temporary folder, or the
// PostgreSQL database given), logs in over HTTP as the demo coordinator,
// police officer and administrator (password and authenticator code), fetches
// every published figure of the year and audits them with the LP solver
// (audit.ts). Exits 1 when any hidden figure can be narrowed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { weeksInYear } from "#app/calendar/iso-week.ts";
import { phenomenonIds } from "#app/features/content/content.ts";
import { loadHelpContent } from "#app/features/content/content.server.ts";
import { isoYearOf, lastPublishedWeek } from "#app/features/publication/counting.ts";
import { totpCode, totpStep } from "#app/features/second-factor/totp.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import { createDatabase, parseDatabaseUrl } from "#db/connection.ts";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoAccounts } from "#scripts/seed/demo.ts";
import { readArgs, wholeNumber } from "../cli.ts";
import { auditFigures, parseAllFigures } from "./audit.ts";

const usage = "npm run disclosure:audit [-- --database-url <url>] [--year <yyyy>]";
const { values: options } = readArgs(usage, { options: { "database-url": { type: "string" }, year: { type: "string" } } });
const root = path.resolve(import.meta.dirname, "..", "..");
const folder = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-audit-"));
const databaseUrl = options["database-url"] ?? `file:${path.join(folder, "audit.db")}`;
const year = wholeNumber(usage, "--year", options.year, isoYearOf(lastPublishedWeek(new Date())), 2000);

const server = spawn(process.execPath, [path.join(root, "server", "main.js"), "--demo"], {
  cwd: root,
  env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, APP_ENV: "test", DEMO_DATA: "true", LOG_LEVEL: "info" },
  stdio: ["ignore", "pipe", "inherit"],
});
const baseUrl = await new Promise<string>((resolve, reject) => {
  let url: string | undefined;
  createInterface({ input: server.stdout! }).on("line", (line) => {
    const listening = /"message":"Wijkwijs is listening","url":"([^"]+)"/.exec(line);
    if (listening) url = listening[1];
    if (line.includes('"message":"figures up to date"')) (url ? resolve(url) : reject(new Error("figures before listening")));
    if (line.includes('"message":"publishing the figures failed"')) reject(new Error(line));
  });
  server.on("exit", (code) => reject(new Error(`the app exited with ${code}`)));
});

/** A browser-like client: cookies, same-origin form posts. */
async function signIn(email: string): Promise<(pathname: string) => Promise<Response>> {
  const cookies = new Map<string, string>();
  const request = async (pathname: string, form?: Record<string, string>) => {
    const response = await fetch(new URL(pathname, baseUrl), {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { origin: new URL(baseUrl).origin, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, value] = pair!.split("=") as [string, string];
      cookies.set(name, value);
    }
    return response;
  };
  const login = await request("/inloggen", { email, password: DEMO_PASSWORD, terug: "" });
  if (!(login.headers.get("location") ?? "").startsWith("/tweede-stap")) throw new Error(`${email}: no second step after the password (${login.status})`);
  const second = await request("/tweede-stap", { code: totpCode(DEMO_TOTP_SECRET, totpStep(new Date())), terug: "" });
  if (second.status >= 400 || (second.headers.get("location") ?? "").startsWith("/tweede-stap")) throw new Error(`${email}: the authenticator code was refused`);
  return (pathname) => request(pathname);
}

let failed = false;
try {
  const db = createDatabase(parseDatabaseUrl(databaseUrl, root));
  const municipality = await db.selectFrom("municipalities").select("id").executeTakeFirstOrThrow();
  const areas = await listAreas({ db }, municipality.id);
  const organisations = await listOrganisations({ db }, municipality.id, { includeArchived: true });
  await db.destroy();
  const knowledge = {
    year,
    weeksInYear: weeksInYear(year),
    stadsdelen: areas.map((sd) => ({ id: sd.id, wijken: sd.wijken.map((w) => w.id) })),
    phenomena: phenomenonIds(await loadHelpContent(path.join(root, "content"))),
    facets: { channel: signalChannels, target_group: targetGroups, urgency: signalUrgencies },
    organisations: organisations.map((o) => ({ id: o.id, stadsdeel: o.stadsdeelId })),
  };
  for (const account of demoAccounts.filter((a) => a.role !== "ambassador")) {
    const get = await signIn(account.email);
    const response = await get(`/dashboard/export?tabel=alle&jaar=${year}`);
    if (response.status !== 200) throw new Error(`${account.role}: the full export answered ${response.status}`);
    const text = await response.text();
    const threshold = Number(/Drempel kleine aantallen,(\d+)/.exec(text)?.[1] ?? "5");
    const started = Date.now();
    const figures = parseAllFigures(text);
    const report = await auditFigures(figures, knowledge, threshold);
    process.stdout.write(
      `${account.role}: ${report.cells} figures of ${year} (${figures.filter((f) => f.facet === "bereik").length} of referral reach), ${report.relations} sums, ${report.small} "< ${threshold}", ${report.hidden} "×": ` +
        `${report.findings.length === 0 ? "every hidden figure keeps its range" : `${report.findings.length} hidden figures can be narrowed`} (${Date.now() - started} ms)\n`,
    );
    for (const f of report.findings.slice(0, 20)) process.stdout.write(`  ${f.key} shown ${f.shown}, can only be ${f.low} … ${f.high}\n`);
    if (report.findings.length > 0) failed = true;
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  failed = true;
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(folder, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
