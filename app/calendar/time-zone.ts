/**
 * The municipality's time zone: the one setting every date in the app is
 * counted in (ISO weeks, months, a warning's last day, clock times). Plain
 * data, so the page script (sw/register.ts) can use it too.
 */
export const MUNICIPAL_TIME_ZONE = "Europe/Amsterdam";
