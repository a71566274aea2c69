import type { AppServices } from "#app/services.server.ts";
import { activePhenomena, phenomenonLabel } from "#app/features/content/content.ts";
import type { Language } from "#app/i18n/languages.ts";
import { dashboardBase, type DashboardBase } from "./dashboard.server.ts";
import { filterParams, parseFilters, type DashboardFilters } from "./filters.ts";
import { periodContaining, previousPeriod, type Period } from "./weeks.ts";

// What every dashboard page needs besides its own figures: the filters as the
// form shows them, the choices, the period and the scope.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;

export interface DashboardFrame {
  query: string;
  form: Record<"periode" | "week" | "fenomeen" | "gebied" | "kanaal" | "doelgroep" | "urgentie" | "maat", string>;
  threshold: number;
  currentWeek: string;
  period: { first: string; last: string; length: Period["length"]; inProgress: boolean };
  previous: { first: string; last: string };
  scope: DashboardBase["scope"];
  rateAvailable: boolean;
  cityName: string;
  /** Characteristics that were asked for but not applied. */
  dropped: DashboardFilters["dropped"];
  choices: {
    blocks: { value: string; first: string; last: string; inProgress: boolean }[];
    phenomena: { value: string; label: string }[];
    stadsdelen: { value: string; label: string }[];
    wijken: { label: string; options: { value: string; label: string }[] }[];
  };
}

export async function dashboardFrame(
  services: Services,
  municipalityId: string,
  url: URL,
  language: Language,
): Promise<{ filters: DashboardFilters; base: DashboardBase; frame: DashboardFrame }> {
  const filters = parseFilters(url.searchParams, services.content);
  const base = await dashboardBase(services, municipalityId, filters);
  // Only an area of this municipality stays in the filters (and so in links and exports).
  if (filters.area && base.scope.level === "city") filters.area = undefined;
  const blocks: Period[] = [periodContaining(base.currentWeek, filters.period)];
  while (blocks.length < (filters.period === "13w" ? 8 : 3)) blocks.push(previousPeriod(blocks[blocks.length - 1]!));
  const frame: DashboardFrame = {
    query: filterParams(filters).toString(),
    form: {
      periode: filters.period,
      week: base.period.first,
      fenomeen: filters.phenomenon ?? "",
      gebied: filters.area ?? "",
      kanaal: filters.channel ?? "",
      doelgroep: filters.targetGroup ?? "",
      urgentie: filters.urgency ?? "",
      maat: filters.measure,
    },
    threshold: base.threshold,
    currentWeek: base.currentWeek,
    period: { first: base.period.first, last: base.period.last, length: base.period.length, inProgress: base.period.last > base.publishedWeek },
    previous: { first: base.previous.first, last: base.previous.last },
    scope: base.scope,
    rateAvailable: base.rateAvailable,
    cityName: services.municipality.name,
    dropped: filters.dropped,
    choices: {
      blocks: blocks.map((b) => ({ value: b.first, first: b.first, last: b.last, inProgress: b.last > base.publishedWeek })),
      phenomena: activePhenomena(services.content).map((p) => ({ value: p.id, label: phenomenonLabel(services.content, p.id, language) })),
      stadsdelen: base.areas.map((sd) => ({ value: sd.id, label: sd.name })),
      wijken: base.areas.map((sd) => ({ label: sd.name, options: sd.wijken.map((w) => ({ value: w.id, label: w.name })) })),
    },
  };
  return { filters, base, frame };
}
