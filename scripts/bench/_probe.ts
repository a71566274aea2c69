import { loadConfig } from "#app/config.server.ts";
import { createLogger } from "#app/log.server.ts";
import { createServices } from "#server/services.ts";
import { listInbox } from "#app/features/signals/inbox.server.ts";
import { listCaseSummaries } from "#app/features/signals/cases.server.ts";
import { nameMaps } from "#app/features/signals/reading.server.ts";
const services = await createServices(loadConfig({ DATABASE_URL: process.argv[2]!, DEMO_DATA: "false", LOG_LEVEL: "warn", APP_ENV: "development" }), { log: createLogger("warn") });
const user = await services.db.selectFrom("users").selectAll().where("role", "=", "coordinator").orderBy("created_at").executeTakeFirstOrThrow();
const viewer = { id: user.id, sessionId: "bench", email: user.email, displayName: user.display_name, role: "coordinator", municipalityId: user.municipality_id, organisationId: null, organisationName: null, language: "nl", secondFactor: true } as any;
async function t(label: string, f: () => Promise<unknown>) {
  await f(); const xs: number[] = [];
  for (let i = 0; i < 10; i++) { const s = performance.now(); await f(); xs.push(performance.now() - s); }
  xs.sort((a, b) => a - b); console.log(label, xs[5]!.toFixed(1), xs[9]!.toFixed(1));
}
await t("listInbox default", () => listInbox(services, viewer, {}));
await t("listInbox newest", () => listInbox(services, viewer, { sort: "newest" }));
await t("listInbox search pakket", () => listInbox(services, viewer, { search: "pakket" }));
await t("listInbox search phishing escamp", () => listInbox(services, viewer, { search: "phishing escamp" }));
await t("cases", () => listCaseSummaries(services, viewer));
await t("nameMaps", () => nameMaps(services, viewer.municipalityId));
await services.db.destroy();
