import { z } from "zod";
import { signalCaseStatuses } from "#db/tables/signals.ts";
import { addDays, compareDates, parseCalendarDate, type CalendarDate } from "#app/calendar/dates.ts";
import {
  affectedCounts,
  IDEMPOTENCY_KEY_PATTERN,
  inboxPeriods,
  CASE_TITLE_MAX_LENGTH,
  FREE_TEXT_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  signalChannels,
  signalOutcomes,
  signalRecipients,
  signalStatuses,
  inboxQueues,
  inboxSorts,
  signalUrgencies,
  targetGroups,
  whenChoices,
} from "./options.ts";

export { IDEMPOTENCY_KEY_PATTERN, inboxPeriods, type InboxPeriod, type InboxQueue, type InboxSort } from "./options.ts";

// Schemas of the signals capability. Messages are translation keys; a missing
// choice and an unknown one get different messages.

function choice<const T extends readonly [string, ...string[]]>(values: T, requiredKey: string, invalidKey = "errors.invalid_choice") {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined || issue.input === "" ? requiredKey : invalidKey),
  });
}

/** The oldest date the form accepts: signals are about what is happening now. */
export const OLDEST_DAYS_BACK = 366;

/** The form of a new signal; `activePhenomenonIds` are the phenomena that may be chosen (activePhenomena of services.content). */
export function signalFormSchema(today: CalendarDate, activePhenomenonIds: readonly string[]) {
  const chosen = new Set(activePhenomenonIds);
  return z
    .object({
      idempotencyKey: z
        .string({ error: "signals:errors.idempotency_key_invalid" })
        .trim()
        .toLowerCase()
        .regex(IDEMPOTENCY_KEY_PATTERN, "signals:errors.idempotency_key_invalid"),
      phenomenon: z
        .string({ error: "signals:errors.phenomenon_required" })
        .min(1, "signals:errors.phenomenon_required")
        .refine((id) => chosen.has(id), "signals:errors.unknown_phenomenon"),
      wijkId: z.string({ error: "signals:errors.wijk_required" }).min(1, "signals:errors.wijk_required").max(200, "signals:errors.unknown_wijk"),
      when: choice(whenChoices, "signals:errors.when_required"),
      date: z.string().max(20).optional(),
      channel: choice(signalChannels, "signals:errors.channel_required"),
      targetGroup: choice(targetGroups, "signals:errors.target_group_required"),
      affected: choice(affectedCounts, "signals:errors.affected_required"),
      outcome: choice(signalOutcomes, "signals:errors.outcome_required"),
      urgency: choice(signalUrgencies, "signals:errors.urgency_required"),
      recipients: choice(signalRecipients, "signals:errors.recipients_required"),
      freeText: z
        .string({ error: "errors.invalid" })
        .transform(normaliseText)
        .pipe(z.string().max(FREE_TEXT_MAX_LENGTH, "signals:errors.text_too_long"))
        .optional()
        .default(""),
      /** The scrubbed text the ambassador saw in the preview. */
      confirmedText: z.string().max(4 * FREE_TEXT_MAX_LENGTH).transform(normaliseText).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.when !== "date") return;
      if (!value.date) {
        ctx.addIssue({ code: "custom", path: ["date"], message: "signals:errors.date_required" });
        return;
      }
      const date = parseCalendarDate(value.date);
      if (!date) ctx.addIssue({ code: "custom", path: ["date"], message: "signals:errors.date_invalid" });
      else if (compareDates(date, today) > 0) ctx.addIssue({ code: "custom", path: ["date"], message: "signals:errors.date_in_future" });
      else if (compareDates(date, addDays(today, -OLDEST_DAYS_BACK)) < 0)
        ctx.addIssue({ code: "custom", path: ["date"], message: "signals:errors.date_too_old" });
    });
}

export type SignalFormInput = z.output<ReturnType<typeof signalFormSchema>>;

/** One form of line endings (browsers post CRLF) and of characters, without outer spaces. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC").trim();
}

export const noteSchema = z.object({
  body: z
    .string({ error: "signals:errors.note_required" })
    .transform(normaliseText)
    .pipe(z.string().min(1, "signals:errors.note_required").max(NOTE_MAX_LENGTH, "signals:errors.note_too_long")),
});

export const assignSchema = z.object({ assignee: z.string({ error: "signals:triage.error.assignee_required" }).min(1, "signals:triage.error.assignee_required").max(120) });

/** A police note; "shared" (the checkbox) makes it visible to the gemeente. */
export const policeNoteSchema = noteSchema.extend({ shared: z.literal("on").optional().catch(undefined) });

export const caseStatusSchema = z.object({
  status: z.enum(signalCaseStatuses, { error: "errors.invalid_choice" }),
  from: z.enum(signalCaseStatuses).optional().catch(undefined),
});

export const statusSchema = z.object({
  status: choice(signalStatuses, "errors.invalid_choice"),
  /** The status the page showed; a mismatch means someone else changed it meanwhile. */
  from: z.enum(signalStatuses).optional().catch(undefined),
});

export const caseLinkSchema = z
  .object({
    caseId: z.string().max(100).optional().transform((v) => v || undefined),
    caseTitle: z
      .string()
      .optional()
      .transform((v) => (v ? normaliseText(v) : undefined))
      .pipe(z.string().max(CASE_TITLE_MAX_LENGTH, "signals:errors.case_title_too_long").optional()),
    alsoSignalIds: z.array(z.string().max(100)).max(50).default([]),
  })
  .superRefine((value, ctx) => {
    if (!value.caseId && !value.caseTitle) ctx.addIssue({ code: "custom", path: ["caseTitle"], message: "signals:errors.case_required" });
  });

/** The inbox's filters, from the query string; anything unknown is ignored. */
export const inboxQuerySchema = z.object({
  fenomeen: z.string().max(100).optional().catch(undefined),
  wijk: z.string().max(200).optional().catch(undefined),
  urgentie: z.enum(signalUrgencies).optional().catch(undefined),
  status: z.enum(signalStatuses).optional().catch(undefined),
  periode: z.enum(inboxPeriods).optional().catch(undefined),
  wachtrij: z.enum(inboxQueues).optional().catch(undefined),
  sorteer: z.enum(inboxSorts).optional().catch(undefined),
  zaak: z.string().max(100).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  stadsdeel: z.string().max(200).optional().catch(undefined),
  organisatie: z.string().max(100).optional().catch(undefined),
  /** "person:<id>", "team:gemeente", "team:police" or "nobody". */
  toegewezen: z.string().max(120).optional().catch(undefined),
  /** Keyset cursor: continue after this row. */
  na: z.string().max(600).optional().catch(undefined),
});

/** The inbox's filter parameters (what a saved filter keeps): everything but the page position. */
export const inboxFilterParams = ["q", "wachtrij", "fenomeen", "stadsdeel", "wijk", "organisatie", "toegewezen", "urgentie", "status", "periode", "zaak", "sorteer"] as const;

/** Saving the current filter under a name. */
export const saveFilterSchema = z.object({
  name: z
    .string({ error: "signals:saved_filters.error.name_required" })
    .transform(normaliseText)
    .pipe(z.string().min(1, "signals:saved_filters.error.name_required").max(60, "signals:saved_filters.error.name_too_long")),
  query: z.string().max(1000).default(""),
});

/** The case list's filter, from the query string; anything unknown is ignored. */
export const casesQuerySchema = z.object({
  status: z.enum(signalCaseStatuses).optional().catch(undefined),
});
