/** An announced disturbance or an event: wijken, a time window, organisations as labels. */
export interface SituationTable {
  id: string;
  municipality_id: string;
  name: string;
  kind: "event" | "disturbance";
  starts_at: string;
  ends_at: string;
  /** Comma-separated labels (features/situations/options.ts). */
  organisations: string;
  closed_at: string | null;
  evaluation_what_happened: string | null;
  evaluation_interventions: string | null;
  evaluation_differently: string | null;
  evaluated_at: string | null;
  /** Set when the retention job erased the log's and the evaluation's text. */
  text_erased_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface SituationWijkTable {
  situation_id: string;
  wijk_id: string;
}

/** One entry of the shared log: scrubbed text, the author's role and organisation. */
export interface SituationLogTable {
  id: string;
  situation_id: string;
  kind: "observation" | "intervention" | "checklist" | "warning";
  checklist_item: string | null;
  body: string;
  author_role: string;
  author_organisation: string;
  created_by: string | null;
  created_at: string;
}

export interface SituationSignalTable {
  situation_id: string;
  signal_id: string;
  linked_by: string | null;
  linked_at: string;
}

export interface SituationTables {
  situations: SituationTable;
  situation_wijken: SituationWijkTable;
  situation_log: SituationLogTable;
  situation_signals: SituationSignalTable;
}
