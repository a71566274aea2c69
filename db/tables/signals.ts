import type { ColumnType } from "kysely";
import type {
  AffectedCount,
  SignalChannel,
  SignalOutcome,
  SignalRecipients,
  SignalStatus,
  SignalUrgency,
  TargetGroup,
} from "#app/features/signals/options.ts";

/**
 * An anonymous phenomenon signal. It links to the organisation that sent it
 * and (until their account is deleted) the ambassador, never to a resident.
 */
export interface SignalTable {
  id: string;
  municipality_id: string;
  organisation_id: string;
  /** The sending ambassador; null once their account is deleted. */
  created_by: string | null;
  /** Client-generated (a UUID): a repeated submission with it stores nothing new. */
  idempotency_key: string;
  phenomenon: string;
  wijk_id: string;
  /** "2026-W48": the week it happened. */
  iso_week: string;
  /** The week the dashboard counts it in (app/features/publication/counting.ts); null in rows stored before it existed: iso_week. */
  counted_week?: string | null;
  channel: SignalChannel;
  target_group: TargetGroup;
  affected: AffectedCount;
  outcome: SignalOutcome;
  urgency: SignalUrgency;
  recipients: SignalRecipients;
  /** Scrubbed on the server before it is stored; null when empty or erased by retention. */
  free_text: string | null;
  free_text_erased_at: string | null;
  status: SignalStatus;
  seen_at: string | null;
  handled_at: string | null;
  /** When a coordinator added politie as a recipient. */
  forwarded_at: string | null;
  case_id: string | null;
  /** The team working on it ("gemeente" or "police"); null: nobody yet. */
  assigned_team: "gemeente" | "police" | null;
  /** The person within that team; null: the team as a whole. */
  assigned_to: string | null;
  /** When it should be handled: its urgency's target in working days after it arrived. */
  due_at: string | null;
  received_at: string;
  updated_at: string;
}

/** Similar signals linked into one phenomenon case by a coordinator. */
export interface SignalCaseTable {
  id: string;
  municipality_id: string;
  title: string;
  created_by: string | null;
  created_at: string;
  assigned_team: "gemeente" | "police" | null;
  assigned_to: string | null;
  /** Defaults to "open" when inserted. */
  status: ColumnType<SignalCaseStatus, SignalCaseStatus | undefined, SignalCaseStatus>;
}

export const signalCaseStatuses = ["open", "closed"] as const;
export type SignalCaseStatus = (typeof signalCaseStatuses)[number];

/** A police note is police-only; "police_shared" is one the officer marked visible to the gemeente. */
export const signalNoteKinds = ["feedback", "police_note", "police_shared"] as const;
export type SignalNoteKind = (typeof signalNoteKinds)[number];

/**
 * Feedback from the gemeente to the sending organisation, and police notes
 * (read by police only). Scrubbed like the signal's own text.
 */
export interface SignalNoteTable {
  id: string;
  signal_id: string;
  kind: SignalNoteKind;
  author_id: string | null;
  author_role: string;
  body: string;
  created_at: string;
}

/** One status change of a signal: the workflow's history, shown as the timeline. */
export interface SignalStatusChangeTable {
  id: string;
  signal_id: string;
  from_status: SignalStatus;
  to_status: SignalStatus;
  /** Null once the account is deleted; the role stays. */
  actor_id: string | null;
  actor_role: string;
  changed_at: string;
}

export const signalCaseEventKinds = ["created", "note", "assigned", "closed", "reopened"] as const;
export type SignalCaseEventKind = (typeof signalCaseEventKinds)[number];

/** What happened to a case itself, for its timeline. */
export interface SignalCaseEventTable {
  id: string;
  case_id: string;
  kind: SignalCaseEventKind;
  /** A note's scrubbed text; for "assigned" the assignee ("team:police", "person:<id>", "nobody"). */
  body: string | null;
  actor_id: string | null;
  actor_role: string;
  created_at: string;
}

/** A person's saved inbox filter: a name and the inbox's query string. */
export interface SavedInboxFilterTable {
  id: string;
  user_id: string;
  name: string;
  /** The inbox's query string without a page position, e.g. "status=received&q=pakket". */
  query: string;
  created_at: string;
}

/** One team's daily digest, claimed for the day before it is sent (once across instances). */
export interface SignalDigestTable {
  municipality_id: string;
  team: "gemeente" | "police";
  /** The calendar day in the municipality's time zone. */
  day: string;
  overdue: number;
  new: number;
  recipients: number;
  sent_at: string;
}

/** Staff who switched the daily digest off. */
export interface SignalDigestOptOutTable {
  user_id: string;
  created_at: string;
}

export const staffNotificationChannels = ["assigned_mail", "assigned_push"] as const;
export type StaffNotificationChannel = (typeof staffNotificationChannels)[number];

/** A notification about signal work a person switched off. */
export interface StaffNotificationOptOutTable {
  user_id: string;
  channel: StaffNotificationChannel;
  created_at: string;
}

/**
 * Signals per status for each wijk, phenomenon, urgency and recipients, kept
 * by triggers (db/migrations/0241): the inbox's counts without counting rows.
 */
export interface SignalStatusCountTable {
  municipality_id: string;
  wijk_id: string;
  phenomenon: string;
  urgency: SignalUrgency;
  recipients: SignalRecipients;
  status: SignalStatus;
  signals: number;
}

export interface SignalTables {
  signal_status_counts: SignalStatusCountTable;
  staff_notification_optouts: StaffNotificationOptOutTable;
  saved_inbox_filters: SavedInboxFilterTable;
  signal_digests: SignalDigestTable;
  signal_digest_optouts: SignalDigestOptOutTable;
  signal_case_events: SignalCaseEventTable;
  signals: SignalTable;
  signal_status_changes: SignalStatusChangeTable;
  signal_cases: SignalCaseTable;
  signal_notes: SignalNoteTable;
}
