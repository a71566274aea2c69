import type { AppServices } from "#app/services.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { getNotificationWijken } from "#app/features/profile/notification-preferences.server.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import type { Language } from "#app/i18n/languages.ts";
import { programmeMonths } from "./programme.server.ts";
import { protectFigure, type PrimaryFigure } from "./protected-figures.server.ts";

// "What happened with our signals": for one calendar month, what the
// ambassador's organisation sent and how many got a response, the warnings
// published for their wijken, and the city-wide count of the phenomena they
// reported. Every count passes protected-figures.server.ts.

type Services = Pick<AppServices, "db" | "clock" | "municipality" | "content">;

export interface MonthlyOverview {
  month: string;
  months: string[];
  sent: PrimaryFigure;
  responded: PrimaryFigure;
  warnings: PrimaryFigure;
  phenomena: { id: string; label: string; cityWide: PrimaryFigure }[];
}

/**
 * The months one may look at, newest first: the twelve complete ones. A month
 * still running is not shown: its city-wide counts would change from day to
 * day, and two days' figures side by side would show one day's signals
 * (decision 0902).
 */
export function overviewMonths(services: Pick<AppServices, "clock">): string[] {
  return programmeMonths(services.clock.now(), 13).reverse().slice(1).map((m) => m.month);
}

export async function monthlyOverview(
  services: Services,
  viewer: Pick<Viewer, "id" | "municipalityId" | "organisationId">,
  language: Language,
  wanted?: string,
): Promise<MonthlyOverview | null> {
  const months = overviewMonths(services);
  // By default the last complete month.
  const month = wanted ?? months[0]!;
  if (!months.includes(month) || !viewer.organisationId) return null;
  const [year, number] = month.split("-").map(Number) as [number, number];
  // Europe/Amsterdam months start at 22:00 or 23:00 UTC the day before; a signal in that hour is counted in the month it was received in UTC.
  const from = new Date(Date.UTC(year, number - 1, 1)).toISOString();
  const to = new Date(Date.UTC(year, number, 1)).toISOString();
  const own = await services.db
    .selectFrom("signals")
    .select(["id", "phenomenon"])
    .where("organisation_id", "=", viewer.organisationId)
    .where("received_at", ">=", from)
    .where("received_at", "<", to)
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
  const cityWide = phenomena.length
    ? await services.db
        .selectFrom("signals")
        .select(["phenomenon", (eb) => eb.fn.countAll<number | string>().as("count")])
        .where("municipality_id", "=", viewer.municipalityId)
        .where("phenomenon", "in", phenomena)
        .where("received_at", ">=", from)
        .where("received_at", "<", to)
        .groupBy("phenomenon")
        .execute()
    : [];
  return {
    month,
    months,
    sent: protectFigure(services, own.length),
    responded: protectFigure(services, responded.length),
    warnings: protectFigure(services, warnings.length),
    phenomena: phenomena.map((id) => ({
      id,
      label: phenomenonLabel(services.content, id, language),
      cityWide: protectFigure(services, Number(cityWide.find((row) => row.phenomenon === id)?.count ?? 0)),
    })),
  };
}
