import type { SignalStatus, SignalUrgency } from "./options.ts";
import { MUNICIPAL_TIME_ZONE } from "#app/calendar/time-zone.ts";

// How soon a signal should be handled: per urgency a number of working days
// (Monday to Friday in the municipality's time zone), a setting of the
// municipality. The deadline is fixed when the signal arrives (signals.due_at),
// so changing the setting later does not move the deadline of work already in.

export interface SignalTargets {
  /** Working days for each urgency. */
  urgent: number;
  normal: number;
}

export const defaultSignalTargets: SignalTargets = { urgent: 1, normal: 5 };

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const weekdayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: MUNICIPAL_TIME_ZONE, weekday: "short" });

function isWorkingDay(instant: Date): boolean {
  const day = weekdayFormat.format(instant);
  return day !== "Sat" && day !== "Sun";
}

/** The instant `days` working days after `received`: weekend days are not counted. */
export function addWorkingDays(received: Date, days: number): Date {
  let instant = received.getTime();
  for (let counted = 0; counted < days; ) {
    instant += DAY_MS;
    if (isWorkingDay(new Date(instant))) counted++;
  }
  return new Date(instant);
}

export function dueAt(received: Date, urgency: SignalUrgency, targets: SignalTargets): Date {
  return addWorkingDays(received, targets[urgency]);
}

/** Past its deadline and not handled yet. */
export function isOverdue(due: string | null, status: SignalStatus, now: Date): boolean {
  return due !== null && status !== "handled" && new Date(due).getTime() < now.getTime();
}

/** How long ago it arrived, in whole hours under a day and whole days after. */
export function ageOf(received: string, now: Date): { unit: "hours" | "days"; count: number } {
  const elapsed = Math.max(0, now.getTime() - new Date(received).getTime());
  return elapsed < DAY_MS ? { unit: "hours", count: Math.floor(elapsed / HOUR_MS) } : { unit: "days", count: Math.floor(elapsed / DAY_MS) };
}
