import { z } from "zod";
import { isPhenomenonId } from "#app/features/content/content.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { signalChannels, signalUrgencies, targetGroups } from "#app/features/signals/options.ts";
import { periodLengths, type PeriodLength } from "./weeks.ts";

// The dashboard's state lives in the URL (GET forms, bookmarkable, works
// without JavaScript). Parameter names are Dutch like the paths; a value the
// dashboard does not know is dropped, never an error page.

export const measures = ["aantal", "per1000"] as const;
export type Measure = (typeof measures)[number];

export interface DashboardFilters {
  period: PeriodLength;
  /** A week inside the block to show; absent: the current block. */
  week: string | undefined;
  phenomenon: string | undefined;
  /** "" for the whole city, a stadsdeel id or a wijk id (checked against the areas later). */
  area: string | undefined;
  channel: string | undefined;
  targetGroup: string | undefined;
  urgency: string | undefined;
  measure: Measure;
  /** Characteristics asked for but not applied (only one at a time is published): said on the page. */
  dropped: ("kanaal" | "doelgroep" | "urgentie")[];
}

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const querySchema = z.object({
  periode: z.enum(periodLengths).catch("13w").default("13w"),
  week: optional(z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/)),
  fenomeen: optional(z.string().max(60)),
  gebied: optional(z.string().regex(/^[a-z0-9-]{1,120}$/)),
  kanaal: optional(z.enum(signalChannels)),
  doelgroep: optional(z.enum(targetGroups)),
  urgentie: optional(z.enum(signalUrgencies)),
  maat: z.enum(measures).catch("aantal").default("aantal"),
});

/** `content` is services.content: a phenomenon it does not know is dropped like any other unknown value. */
export function parseFilters(params: URLSearchParams, content: HelpContent): DashboardFilters {
  const raw = Object.fromEntries([...params.entries()].filter(([, value]) => value !== ""));
  const q = querySchema.parse(raw);
  // One characteristic at a time (docs/decisions/0403): combinations are not
  // published. The ones dropped are named on the page, never silently ignored.
  const dropped: DashboardFilters["dropped"] = [];
  if (q.kanaal) {
    if (q.doelgroep) dropped.push("doelgroep");
    if (q.urgentie) dropped.push("urgentie");
    q.doelgroep = q.urgentie = undefined;
  } else if (q.doelgroep) {
    if (q.urgentie) dropped.push("urgentie");
    q.urgentie = undefined;
  }
  return {
    period: q.periode,
    week: q.week,
    phenomenon: isPhenomenonId(content, q.fenomeen) ? q.fenomeen : undefined,
    area: q.gebied,
    channel: q.kanaal,
    targetGroup: q.doelgroep,
    urgency: q.urgentie,
    measure: q.maat,
    dropped,
  };
}

/** The filters as URL parameters again (only what differs from the defaults). */
export function filterParams(filters: DashboardFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.period !== "13w") params.set("periode", filters.period);
  if (filters.week) params.set("week", filters.week);
  if (filters.phenomenon) params.set("fenomeen", filters.phenomenon);
  if (filters.area) params.set("gebied", filters.area);
  if (filters.channel) params.set("kanaal", filters.channel);
  if (filters.targetGroup) params.set("doelgroep", filters.targetGroup);
  if (filters.urgency) params.set("urgentie", filters.urgency);
  if (filters.measure !== "aantal") params.set("maat", filters.measure);
  return params;
}
