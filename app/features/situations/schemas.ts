import { z } from "zod";
import { EVALUATION_MAX, LOG_MAX, MAX_WINDOW_HOURS, NAME_MAX, localTimeToInstant, logKinds, organisationLabels, situationKinds } from "./options.ts";
import { BODY_MAX, TITLE_MAX } from "#app/features/warnings/schemas.ts";

// The situation room's forms. Messages are translation keys.

const localTime = (required: string) =>
  z
    .string({ error: required })
    .min(1, required)
    .transform((value, ctx) => {
      const instant = localTimeToInstant(value);
      if (!instant) {
        ctx.addIssue({ code: "custom", message: "situations:errors.time_invalid" });
        return z.NEVER;
      }
      return instant;
    });

export const situationFormSchema = z
  .object({
    name: z.string({ error: "situations:errors.name_required" }).trim().min(1, "situations:errors.name_required").max(NAME_MAX, "situations:errors.name_too_long"),
    kind: z.enum(situationKinds, { error: "situations:errors.kind_required" }),
    wijkIds: z.array(z.string()).min(1, "situations:errors.wijken_required"),
    organisations: z.array(z.enum(organisationLabels, { error: "situations:errors.organisation_unknown" })).default([]),
    startsAt: localTime("situations:errors.start_required"),
    endsAt: localTime("situations:errors.end_required"),
  })
  .superRefine((input, ctx) => {
    if (input.endsAt.getTime() <= input.startsAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "situations:errors.end_before_start" });
    } else if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_WINDOW_HOURS * 3600_000) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "situations:errors.window_too_long" });
    }
  });

export type SituationInput = z.output<typeof situationFormSchema>;

export const logEntrySchema = z.object({
  kind: z.enum(logKinds, { error: "situations:errors.log_kind_required" }),
  body: z.string({ error: "situations:errors.log_required" }).trim().min(1, "situations:errors.log_required").max(LOG_MAX, "situations:errors.log_too_long"),
});

export const checklistTickSchema = z.object({
  item: z.string({ error: "situations:errors.checklist_unknown" }).min(1, "situations:errors.checklist_unknown"),
  body: z.string().trim().max(LOG_MAX, "situations:errors.log_too_long").default(""),
});

export const linkSignalSchema = z.object({ signalId: z.uuid({ error: "situations:errors.signal_unknown" }) });

const evaluationText = z.string({ error: "situations:errors.evaluation_required" }).trim().min(1, "situations:errors.evaluation_required").max(EVALUATION_MAX, "situations:errors.evaluation_too_long");
export const evaluationSchema = z.object({ whatHappened: evaluationText, interventions: evaluationText, differently: evaluationText });
export type EvaluationInput = z.output<typeof evaluationSchema>;

/** A warning to the ambassadors of the situation's wijken: the warning form's fields without wijken, expiry or flow (the situation gives those). */
export function situationWarningSchema(phenomenonIds: readonly string[]) {
  return z.object({
    title: z.string({ error: "situations:errors.title_required" }).trim().min(1, "situations:errors.title_required").max(TITLE_MAX, "situations:errors.title_too_long"),
    body: z.string({ error: "situations:errors.body_required" }).trim().min(1, "situations:errors.body_required").max(BODY_MAX, "situations:errors.body_too_long"),
    phenomenon: z
      .string({ error: "situations:errors.phenomenon_required" })
      .refine((id) => phenomenonIds.includes(id), "situations:errors.phenomenon_required"),
  });
}
export type SituationWarningInput = z.output<ReturnType<typeof situationWarningSchema>>;
