import type { AppServices } from "#app/services.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { getNotificationWijken } from "#app/features/profile/notification-preferences.server.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import type { Language } from "#app/i18n/languages.ts";
import { monthFigure, publishedMonths } from "#app/features/publication/months.server.ts";
import { ALL_SIGNALS, CITY, signalKey } from "#app/features/publication/structure.ts";
import { figureFromShown, protectFigure, type PrimaryFigure, type ProtectedFigure } from "./protected-figures.server.ts";

// "What happened with our signals": for one month, what the ambassador's
// organisation sent and how many got a response, the warnings published for
// their wijken, and the city-wide count of the phenomena they reported. A
// month is made of whole ISO weeks (the month of each week's Thursday), so
// the city-wide counts are cells of the dashboard's protected structure
// (publication/months.server.ts), protected together with their weeks.
// The organisation's own counts pass protected-figures.server.ts.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality" | "content">;

export interface MonthlyOverview {
  month: string;
  months: string[];
  sent: PrimaryFigure;
  responded: PrimaryFigure;
  warnings: PrimaryFigure;
  phenomena: { id: string; label: string; cityWide: ProtectedFigure }[];
}

/**
 * The months one may look at, newest first: the last twelve whose weeks are
 * all published. A month still running is not shown: its figures would
 * change from day to day (decision 0902).
 */
export function overviewMonths(services: Pick<AppServices, "clock">): string[] {
  return publishedMonths(services.clock.now(), 12).reverse().map((m) => m.month);
}

export async function monthlyOverview(
  services: Services,
  viewer: Pick<Viewer, "id" | "municipalityId" | "organisationId">,
  language: Language,
  wanted?: string,
): Promise<MonthlyOverview | null> {
  const period = publishedMonths(services.clock.now(), 12).reverse();
  // By default the last complete month.
  const chosen = wanted === undefined ? period[0] : period.find((m) => m.month === wanted);
  if (!chosen || !viewer.organisationId) return null;
  const month = chosen.month;
  const months = period.map((m) => m.month);
  const to = chosen.endsAt;
  const from = new Date(Date.parse(to) - chosen.weeks.length * 7 * 24 * 3600_000).toISOString();
  // The organisation's signals by the week the dashboard counts them in.
  const own = await services.db
    .selectFrom("signals")
    .select(["id", "phenomenon"])
    .where("organisation_id", "=", viewer.organisationId)
    .where((eb) => eb(eb.fn.coalesce("counted_week", "iso_week"), "in", chosen.weeks))
    .execute();
  const responded = own.length
    ? await services.db
        .selectFrom("signal_notes")
        .select("signal_id")
        .distinct()
        .where("kind", "=", "feedback")
        .where("signal_id", "in", own.map((s) => s.id))
        .execute()
    : [];
  const { wijkIds } = await getNotificationWijken(services, viewer);
  const warnings = wijkIds.length
    ? await services.db
        .selectFrom("warnings")
        .innerJoin("warning_wijken", "warning_wijken.warning_id", "warnings.id")
        .select("warnings.id")
        .distinct()
        .where("warnings.municipality_id", "=", viewer.municipalityId)
        .where("warning_wijken.wijk_id", "in", wijkIds)
        .where("warnings.created_at", ">=", from)
        .where("warnings.created_at", "<", to)
        .execute()
    : [];
  const phenomena = [...new Set(own.map((s) => s.phenomenon))].sort();
  const cityWide = await Promise.all(phenomena.map((p) => monthFigure(services, viewer.municipalityId, chosen, (time) => signalKey(ALL_SIGNALS, CITY, p, time))));
  return {
    month,
    months,
    sent: protectFigure(services, own.length),
    responded: protectFigure(services, responded.length),
    warnings: protectFigure(services, warnings.length),
    phenomena: phenomena.map((id, i) => ({
      id,
      label: phenomenonLabel(services.content, id, language),
      cityWide: figureFromShown(cityWide[i]!),
    })),
  };
}
