import { isbot } from "isbot";
import { findOrganisationByCode } from "#app/features/organisations/organisations.server.ts";
import type { AppServices } from "#app/services.server.ts";
import type { ReferralTargetKind } from "#db/tables/referral-reach.ts";
import { isoWeekAt } from "#app/calendar/iso-week.ts";
import { MemoryRateLimiter } from "#app/features/rate-limit/memory-rate-limit.ts";

// Referral reach: how often a flow or tip was opened through an organisation's
// share link. One counter per target × organisation × ISO week is all that is
// stored (privacy rule 3). The count runs after the page is on its way and a
// failure is only logged, so counting never slows down or breaks a resident's page.

type Services = Pick<AppServices, "db" | "clock" | "municipality" | "tasks" | "config" | "secret">;

// One limiter per running app (keyed by its services), so that a client
// reloading a shared link in a loop cannot inflate an organisation's reach.
// The page itself is always served: a resident in need is never refused help.
const limiters = new WeakMap<object, MemoryRateLimiter>();
function limiterFor(services: Services): MemoryRateLimiter {
  let limiter = limiters.get(services);
  if (!limiter) {
    limiter = new MemoryRateLimiter({ limit: services.config.rateLimits.referralCountsPerHour, windowMs: 60 * 60_000, secret: services.secret });
    limiters.set(services, limiter);
  }
  return limiter;
}

/** Share-link codes as organisations have them; anything else is not looked up at all. */
const VIA_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface ReferralTarget {
  kind: ReferralTargetKind;
  id: string;
}

/**
 * Whether a request is a person opening the page: a GET from a browser, not a
 * crawler or a link preview (WhatsApp, Telegram and the like fetch shared
 * links themselves), and not a speculative prefetch.
 */
export function isPersonVisiting(request: Request): boolean {
  if (request.method !== "GET") return false;
  const userAgent = request.headers.get("user-agent");
  if (!userAgent || isbot(userAgent)) return false;
  const purpose = `${request.headers.get("sec-purpose") ?? ""} ${request.headers.get("purpose") ?? ""}`;
  return !/prefetch|prerender/i.test(purpose);
}

/** The ?via= code of a share link, when it has the form of one. */
export function viaCode(url: URL): string | undefined {
  const via = url.searchParams.get("via");
  return via && VIA_CODE.test(via) ? via : undefined;
}

/** Counts a visit through a share link, without waiting for it; does nothing for other visits. */
export function countReferralVisit(services: Services, request: Request, target: ReferralTarget, clientAddress = "unknown"): void {
  const via = viaCode(new URL(request.url));
  if (!via || !isPersonVisiting(request)) return;
  // Per client and organisation code: a library full of residents behind one address still counts.
  if (!limiterFor(services).take(`${clientAddress}\u0000${via}`, services.clock.now().getTime())) return;
  const week = isoWeekAt(services.clock.now());
  services.tasks.run("count referral visit", async () => {
    const organisation = await findOrganisationByCode(services, services.municipality.id, via);
    if (!organisation) return;
    await services.db
      .insertInto("referral_visits")
      .values({ target_kind: target.kind, target_id: target.id, organisation_id: organisation.id, iso_week: week, visits: 1 })
      .onConflict((conflict) =>
        conflict
          .columns(["target_kind", "target_id", "organisation_id", "iso_week"])
          .doUpdateSet((eb) => ({ visits: eb("referral_visits.visits", "+", 1) })),
      )
      .execute();
  });
}

export interface ReachCount {
  kind: ReferralTargetKind;
  targetId: string;
  organisationId: string;
  week: string;
  visits: number;
}

export async function readReach(
  services: Pick<AppServices, "db">,
  scope: { organisationIds: readonly string[]; weeks: readonly string[] },
): Promise<ReachCount[]> {
  if (scope.organisationIds.length === 0 || scope.weeks.length === 0) return [];
  const rows = await services.db
    .selectFrom("referral_visits")
    .select(["target_kind", "target_id", "organisation_id", "iso_week", "visits"])
    .where("organisation_id", "in", [...scope.organisationIds])
    .where("iso_week", "in", [...scope.weeks])
    .execute();
  return rows.map((row) => ({
    kind: row.target_kind,
    targetId: row.target_id,
    organisationId: row.organisation_id,
    week: row.iso_week,
    visits: Number(row.visits),
  }));
}

export type ReachCell = { kind: "count"; value: number } | { kind: "suppressed"; below: number };

export interface ReachRow {
  kind: ReferralTargetKind;
  targetId: string;
  organisationId: string;
  cells: ReachCell[];
}

/**
 * One row per target and organisation with visits in the weeks shown, one cell
 * per week. Counts from 1 up to the municipality's threshold are shown as
 * "fewer than", so a count cannot tell an ambassador whether the one resident
 * they gave a link to opened it. No totals: a total would give the hidden
 * cells back.
 */
export function reachTable(counts: readonly ReachCount[], weeks: readonly string[], threshold: number): ReachRow[] {
  const rows = new Map<string, ReachRow & { raw: number[] }>();
  for (const count of counts) {
    const key = `${count.kind}\u0000${count.targetId}\u0000${count.organisationId}`;
    let row = rows.get(key);
    if (!row) {
      row = { kind: count.kind, targetId: count.targetId, organisationId: count.organisationId, cells: [], raw: weeks.map(() => 0) };
      rows.set(key, row);
    }
    const index = weeks.indexOf(count.week);
    if (index >= 0) row.raw[index]! += count.visits;
  }
  return [...rows.values()].map(({ raw, ...row }) => ({
    ...row,
    cells: raw.map((value): ReachCell => (value > 0 && value < threshold ? { kind: "suppressed", below: threshold } : { kind: "count", value })),
  }));
}
