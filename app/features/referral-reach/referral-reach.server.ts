import { isbot } from "isbot";
import { findOrganisationByCode } from "#app/features/organisations/organisations.server.ts";
import type { AppServices } from "#app/services.server.ts";
import type { ReferralTargetKind } from "#db/tables/referral-reach.ts";
import { isoWeekAt } from "#app/calendar/iso-week.ts";
import { MemoryRateLimiter } from "#app/features/rate-limit/memory-rate-limit.ts";
import { shiftWeek } from "#app/calendar/iso-week.ts";
import { isoYearOf, lastPublishedWeek } from "#app/features/publication/counting.ts";
import { loadPublication, shownReach } from "#app/features/publication/publication.server.ts";
import type { Shown } from "#app/features/publication/shown.ts";
import { reachOrganisationKey } from "#app/features/publication/structure.ts";

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

export interface ReachRow {
  kind: ReferralTargetKind;
  targetId: string;
  organisationId: string;
  /** One figure per week asked for, as published (publication/). */
  cells: Shown[];
}

/**
 * The published reach of organisations per target and week: one row per
 * target and organisation with visits in the weeks asked for. The figures are
 * cells of the municipality's protected structure (publication/structure.ts),
 * so a week shows "< t" or "×" where the sum per stadsdeel on the dashboard
 * would otherwise give a small count back; a week not yet published is "—".
 */
export async function publishedReach(
  services: Services & Pick<AppServices, "config" | "content">,
  municipalityId: string,
  scope: { organisationIds: readonly string[]; weeks: readonly string[] },
): Promise<ReachRow[]> {
  const organisations = new Set(scope.organisationIds);
  const years = [...new Set(scope.weeks.map(isoYearOf))];
  const publications = new Map(await Promise.all(years.map(async (year) => [year, await loadPublication(services, municipalityId, year)] as const)));
  const weekIndex = new Map(scope.weeks.map((week, i) => [week, i]));
  const rows = new Map<string, ReachRow>();
  for (const publication of publications.values()) {
    for (const { key } of publication.cells()) {
      const [prefix, target, where, week] = key.split("|") as [string, string, string, string];
      if (prefix !== "reach" || !where.startsWith("org:") || !weekIndex.has(week)) continue;
      const organisationId = where.slice(4);
      if (!organisations.has(organisationId)) continue;
      const [kind, targetId] = splitTarget(target);
      const rowKey = `${target}|${organisationId}`;
      if (!rows.has(rowKey)) {
        rows.set(rowKey, {
          kind,
          targetId,
          organisationId,
          cells: scope.weeks.map((w) => shownReach(publications.get(isoYearOf(w))!, reachOrganisationKey(target, organisationId, w), w)),
        });
      }
    }
  }
  return [...rows.values()];
}

function splitTarget(target: string): [ReferralTargetKind, string] {
  const colon = target.indexOf(":");
  return [target.slice(0, colon) as ReferralTargetKind, target.slice(colon + 1)];
}

/** The last `count` published weeks, newest first. */
export function lastPublishedWeeks(now: Date, count: number): string[] {
  const latest = lastPublishedWeek(now);
  return Array.from({ length: count }, (_, i) => shiftWeek(latest, -i));
}
