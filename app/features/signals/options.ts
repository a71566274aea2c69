// The fixed choices of a signal. Stored as these ids; labels live in the
// signals namespace (e.g. "signals:channel.whatsapp"). Add, never rename:
// stored signals and the dashboard's aggregates refer to them.

export const signalChannels = ["whatsapp", "sms", "email", "phone_call", "social_media", "marketplace", "website", "in_person", "other"] as const;
export type SignalChannel = (typeof signalChannels)[number];

export const targetGroups = ["residents", "elderly", "young_people", "entrepreneurs", "newcomers"] as const;
export type TargetGroup = (typeof targetGroups)[number];

/** Roughly how many people: 1, 2–5, 6–20, more than 20. */
export const affectedCounts = ["one", "few", "several", "many"] as const;
export type AffectedCount = (typeof affectedCounts)[number];

export const signalOutcomes = ["attempt", "damage"] as const;
export type SignalOutcome = (typeof signalOutcomes)[number];

export const signalUrgencies = ["normal", "urgent"] as const;
export type SignalUrgency = (typeof signalUrgencies)[number];

export const signalRecipients = ["gemeente", "politie", "both"] as const;
export type SignalRecipients = (typeof signalRecipients)[number];

/** The workflow's statuses; which role may move a signal from one to another is in workflow.ts. */
export const signalStatuses = ["received", "seen", "in_progress", "forwarded_to_police", "handled", "reopened"] as const;
export type SignalStatus = (typeof signalStatuses)[number];

/** What the sending organisation sees of the workflow: the gemeente's internal steps are not theirs to follow. */
export const publicSignalStatuses = ["received", "seen", "handled"] as const satisfies readonly SignalStatus[];
export type PublicSignalStatus = (typeof publicSignalStatuses)[number];

export function publicStatus(status: SignalStatus): PublicSignalStatus {
  if (status === "received" || status === "handled") return status;
  return "seen";
}

/** Not handled yet: counts as open work in queues and the urgent badge. */
export function isOpenStatus(status: SignalStatus): boolean {
  return status !== "handled";
}

/** When it happened, as the form asks it; stored as an ISO week. */
export const whenChoices = ["this_week", "last_week", "date"] as const;
export type WhenChoice = (typeof whenChoices)[number];

export const FREE_TEXT_MAX_LENGTH = 1000;
export const NOTE_MAX_LENGTH = 1000;
export const CASE_TITLE_MAX_LENGTH = 120;

export function addressedToPolice(recipients: SignalRecipients): boolean {
  return recipients === "politie" || recipients === "both";
}

/** A UUID, as crypto.randomUUID() makes in the browser, the service worker or on the server. */
export const IDEMPOTENCY_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The inbox's work queues (open signals only): assigned to me, to my team, to
 * no person yet, or forwarded to the police and not yet taken up by them.
 */
export const inboxQueues = ["mine", "team", "unassigned", "forwarded"] as const;
export type InboxQueue = (typeof inboxQueues)[number];

/** The inbox's orders: urgent open first (default), by deadline, oldest or newest first. */
export const inboxSorts = ["urgent", "due", "oldest", "newest"] as const;
export type InboxSort = (typeof inboxSorts)[number];

/** The inbox's period filter: this week, the last 4 or 13 weeks, or all. */
export const inboxPeriods = ["week", "4w", "13w", "all"] as const;
export type InboxPeriod = (typeof inboxPeriods)[number];
