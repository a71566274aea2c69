/** The facet value a rollup row was summed over: every channel, target group or urgency. */
export const ANY = "*";

/**
 * Signals counted per wijk × phenomenon × ISO week, for each combination of
 * the dashboard's facet filters (channel, target group, urgency), with "*"
 * meaning "any". Every signal adds 1 to eight rows (each facet either its own
 * value or "*"), so any filter combination is one indexed slice whose size
 * depends on the cells shown, never on the number of signals. The dashboard
 * reads only this table (and signal_organisation_weeks), never raw signals.
 */
export interface SignalRollupTable {
  municipality_id: string;
  wijk_id: string;
  phenomenon: string;
  /** The week the signals are counted in (app/features/publication/counting.ts). */
  iso_week: string;
  channel: string;
  target_group: string;
  urgency: string;
  signals: number;
}

/** Signals per sending organisation per ISO week: the network figures. */
export interface SignalOrganisationWeekTable {
  municipality_id: string;
  organisation_id: string;
  iso_week: string;
  signals: number;
}

/** One publication of a municipality's ISO year (app/features/publication). */
export interface DashboardPublicationTable {
  municipality_id: string;
  iso_year: number;
  through_week: string;
  threshold: number;
  cells: string;
  published_at: string;
}

export interface DashboardTables {
  signal_rollups: SignalRollupTable;
  signal_organisation_weeks: SignalOrganisationWeekTable;
  dashboard_publications: DashboardPublicationTable;
}
