import { randomUUID } from "node:crypto";
import type { AppServices } from "#app/services.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { listUsers } from "#app/features/auth/users.server.ts";
import { findFlow } from "#app/features/flows/flows.ts";
import { activePhenomena, phenomenonLabel } from "#app/features/content/content.ts";
import { ambassadorsForWijken, getNotificationWijken } from "#app/features/profile/notification-preferences.server.ts";
import { calendarDateOf, toIsoDate } from "#app/calendar/dates.ts";
import type { Language } from "#app/i18n/languages.ts";
import { enqueuePush, kickPushQueue } from "./push.server.ts";
import type { WarningInput } from "./schemas.ts";

// Warnings from coordinators to the ambassadors of some wijken: stored, shown
// on the ambassadors' start page until they expire, and pushed to the devices
// of those who opted in. Also the push to coordinators for urgent signals.

export function todayInMunicipality(services: Pick<AppServices, "clock">): string {
  return toIsoDate(calendarDateOf(services.clock.now()));
}

export interface WarningView {
  id: string;
  title: string;
  body: string;
  phenomenon: string;
  phenomenonLabel: string;
  flowId: string | null;
  expiresOn: string;
  createdAt: string;
  wijken: { id: string; name: string }[];
}

export interface WarningWithCounts extends WarningView {
  /** Devices the warning was queued for. */
  queued: number;
  delivered: number;
}

export function warningUrl(id: string): string {
  return `/waarschuwingen/${id}`;
}

export async function publishWarning(services: AppServices, viewer: Viewer, input: WarningInput): Promise<{ ok: true; id: string; queued: number } | { ok: false; error: "unknown_wijk" }> {
  const areas = await listAreas(services, viewer.municipalityId);
  const known = new Set(areas.flatMap((s) => s.wijken.map((w) => w.id)));
  const wijkIds = [...new Set(input.wijkIds)];
  if (wijkIds.some((id) => !known.has(id))) return { ok: false, error: "unknown_wijk" };
  const id = randomUUID();
  const now = services.clock.now();
  const recipients = await ambassadorsForWijken(services, viewer.municipalityId, wijkIds);
  const queued = await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("warnings")
      .values({
        id,
        municipality_id: viewer.municipalityId,
        title: input.title,
        body: input.body,
        phenomenon: input.phenomenon,
        flow_id: input.flowId,
        expires_on: input.expiresOn,
        created_by: viewer.id,
        created_at: now.toISOString(),
      })
      .execute();
    await trx.insertInto("warning_wijken").values(wijkIds.map((wijkId) => ({ warning_id: id, wijk_id: wijkId }))).execute();
    const count = await enqueuePush(trx, now, recipients, { title: input.title, body: input.body, url: warningUrl(id), tag: `warning-${id}`, lang: "nl" }, id);
    await recordAudit(
      { db: trx, clock: services.clock },
      { actor: viewer, action: "warning.published", target: { type: "warning", id }, details: { wijken: wijkIds.length, devices: count } },
    );
    return count;
  });
  if (queued > 0) kickPushQueue(services);
  return { ok: true, id, queued };
}

type Row = { id: string; title: string; body: string; phenomenon: string; flow_id: string | null; expires_on: string; created_at: string };

async function toViews(services: Pick<AppServices, "db" | "content">, municipalityId: string, rows: Row[], language: Language): Promise<WarningView[]> {
  if (rows.length === 0) return [];
  const [links, areas] = await Promise.all([
    services.db.selectFrom("warning_wijken").selectAll().where("warning_id", "in", rows.map((r) => r.id)).execute(),
    listAreas(services, municipalityId),
  ]);
  const names = new Map(areas.flatMap((s) => s.wijken.map((w) => [w.id, w.name] as const)));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    phenomenon: row.phenomenon,
    phenomenonLabel: phenomenonLabel(services.content, row.phenomenon, language),
    flowId: row.flow_id,
    expiresOn: row.expires_on,
    createdAt: row.created_at,
    wijken: links
      .filter((link) => link.warning_id === row.id)
      .map((link) => ({ id: link.wijk_id, name: names.get(link.wijk_id) ?? link.wijk_id }))
      .sort((a, b) => a.name.localeCompare(b.name, "nl")),
  }));
}

/** The warnings that apply to an ambassador today: for the wijken they get warnings for. */
export async function currentWarningsFor(services: AppServices, viewer: Viewer, language: Language): Promise<WarningView[]> {
  const { wijkIds } = await getNotificationWijken(services, viewer);
  if (wijkIds.length === 0) return [];
  const rows = await services.db
    .selectFrom("warnings")
    .select(["id", "title", "body", "phenomenon", "flow_id", "expires_on", "created_at"])
    .where("municipality_id", "=", viewer.municipalityId)
    .where("expires_on", ">=", todayInMunicipality(services))
    .where("id", "in", (qb) => qb.selectFrom("warning_wijken").select("warning_id").where("wijk_id", "in", wijkIds))
    .orderBy("created_at", "desc")
    .execute();
  return toViews(services, viewer.municipalityId, rows, language);
}

export async function getWarning(services: AppServices, viewer: Viewer, id: string, language: Language): Promise<WarningView | null> {
  const row = await services.db
    .selectFrom("warnings")
    .select(["id", "title", "body", "phenomenon", "flow_id", "expires_on", "created_at"])
    .where("municipality_id", "=", viewer.municipalityId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? ((await toViews(services, viewer.municipalityId, [row], language))[0] ?? null) : null;
}

/** Every warning of the municipality, newest first, with how many devices it was queued for and reached. */
export async function listWarningsWithCounts(services: AppServices, municipalityId: string, language: Language): Promise<WarningWithCounts[]> {
  const rows = await services.db
    .selectFrom("warnings")
    .select(["id", "title", "body", "phenomenon", "flow_id", "expires_on", "created_at"])
    .where("municipality_id", "=", municipalityId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  const views = await toViews(services, municipalityId, rows, language);
  if (views.length === 0) return [];
  const counts = await services.db
    .selectFrom("push_deliveries")
    .select(["warning_id", "status", (eb) => eb.fn.countAll().as("count")])
    .where("warning_id", "in", views.map((v) => v.id))
    .groupBy(["warning_id", "status"])
    .execute();
  return views.map((view) => {
    const mine = counts.filter((c) => c.warning_id === view.id);
    return {
      ...view,
      queued: mine.reduce((sum, c) => sum + Number(c.count), 0),
      delivered: mine.filter((c) => c.status === "delivered").reduce((sum, c) => sum + Number(c.count), 0),
    };
  });
}

/** What the publish form offers. */
export async function warningFormContext(services: AppServices, viewer: Viewer, language: Language) {
  const areas = await listAreas(services, viewer.municipalityId);
  return {
    phenomena: activePhenomena(services.content).map((p) => ({ id: p.id, label: phenomenonLabel(services.content, p.id, language) })),
    areas: areas.map((s) => ({ id: s.id, name: s.name, wijken: s.wijken.map((w) => ({ id: w.id, name: w.name })) })),
    flows: services.content.flows.map((flow) => ({ id: flow.id, title: flow.title[language] ?? flow.title.nl })),
    today: todayInMunicipality(services),
  };
}

export function flowTitle(services: AppServices, flowId: string | null, language: Language): string | null {
  if (!flowId) return null;
  const flow = findFlow(services.content, flowId);
  return flow ? (flow.title[language] ?? flow.title.nl) : null;
}

/**
 * An urgent signal reaches the coordinators who opted in to push, at once.
 * The notification names the phenomenon and wijk only — never the free text.
 */
export async function notifyCoordinatorsOfUrgentSignal(
  services: AppServices,
  signal: { id: string; municipalityId: string; phenomenon: string; wijkName: string },
): Promise<void> {
  const coordinators = (await listUsers(services, signal.municipalityId, { role: "coordinator" })).filter((u) => u.deactivatedAt === null);
  const queued = await enqueuePush(services.db, services.clock.now(), coordinators.map((u) => u.id), {
    title: `Spoedeisend signaal: ${phenomenonLabel(services.content, signal.phenomenon, "nl")}`,
    body: signal.wijkName,
    url: `/signalen/${signal.id}`,
    tag: `signal-${signal.id}`,
    lang: "nl",
  });
  if (queued > 0) kickPushQueue(services);
}
