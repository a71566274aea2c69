import { MUNICIPAL_TIME_ZONE } from "#app/calendar/time-zone.ts";

// Fixed choices of the situation room. Organisations are labels from this
// list, never free text: nothing in a situation can name a person, an account
// or a group (DESIGN.md, privacy rule 8).

export const situationKinds = ["event", "disturbance"] as const;
export type SituationKind = (typeof situationKinds)[number];

export const organisationLabels = ["gemeente", "police", "event_organiser", "security", "fire_brigade", "ambulance", "public_transport", "safety_region"] as const;
export type OrganisationLabel = (typeof organisationLabels)[number];

export const logKinds = ["observation", "intervention"] as const;
export type LogKind = (typeof logKinds)[number];

/** The longest window a situation may have: its hourly picture stays one readable table. */
export const MAX_WINDOW_HOURS = 7 * 24;
export const NAME_MAX = 80;
export const LOG_MAX = 500;
export const EVALUATION_MAX = 2000;

/** Who wrote a log entry, as the other party sees it: an organisation label by role, never a name. */
export function authorOrganisation(role: string): "gemeente" | "police" {
  return role === "police" ? "police" : "gemeente";
}

export function situationUrl(id: string): string {
  return `/situaties/${id}`;
}

/** The evaluation's three texts: one list for the form, its error summary and the check before storing. */
export const evaluationFields = [
  { name: "whatHappened", id: "evaluation-what", label: "evaluation.field_what_happened" },
  { name: "interventions", id: "evaluation-interventions", label: "evaluation.field_interventions" },
  { name: "differently", id: "evaluation-differently", label: "evaluation.field_differently" },
] as const;

export const HOUR_MS = 3600_000;

function offsetMinutes(instant: number): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: MUNICIPAL_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((local - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * A local time in the municipality as a browser's datetime-local field sends
 * it ("2027-04-27T10:00") to an instant; null when it is not one.
 */
export function localTimeToInstant(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  let instant = wall - offsetMinutes(wall) * 60_000;
  instant = wall - offsetMinutes(instant) * 60_000;
  return new Date(instant);
}

/** An instant as the municipality's local time for a datetime-local field. */
export function instantToLocalTime(instant: Date): string {
  const local = new Date(instant.getTime() + offsetMinutes(instant.getTime()) * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Every hour that starts within [start, end): the picture's fixed periods. */
export function hoursOf(startsAt: string, endsAt: string): string[] {
  const start = Math.floor(new Date(startsAt).getTime() / HOUR_MS) * HOUR_MS;
  const end = new Date(endsAt).getTime();
  const hours: string[] = [];
  for (let t = start; t < end; t += HOUR_MS) hours.push(new Date(t).toISOString());
  return hours;
}
