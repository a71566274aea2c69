import { z } from "zod";
import { contentIdSchema } from "#app/features/content/schemas.ts";

const contentId = (message: string) => z.string({ error: message }).max(60, message).regex(/^[a-z0-9][a-z0-9-]*$/, message);

/** One answer on the questions page; messages are translation keys. */
export const answerFormSchema = z.object({
  attemptId: z.uuid({ error: "training:errors.no_attempt" }),
  questionId: contentId("training:errors.unknown_question"),
  optionId: z.string({ error: "training:errors.choose" }).min(1, "training:errors.choose").pipe(contentId("training:errors.unknown_option")),
});
export type AnswerForm = z.infer<typeof answerFormSchema>;

export const explainQuerySchema = z.object({
  uitleg: contentIdSchema.optional().catch(undefined),
});

/**
 * A whole attempt answered on the device without a connection and sent by
 * the training outbox: its key (the attempt's id, so a repeat stores nothing
 * new) and one `a.<questionId>` field per answer.
 */
export const offlineAttemptSchema = z.object({
  key: z.uuid({ error: "training:errors.no_attempt" }),
  answers: z.record(contentId("training:errors.unknown_question"), contentId("training:errors.unknown_option")),
});
export type OfflineAttempt = z.infer<typeof offlineAttemptSchema>;

export function offlineAttemptFromForm(form: FormData): unknown {
  const answers: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith("a.") && typeof value === "string") answers[name.slice(2)] = value;
  }
  return { key: form.get("key") ?? undefined, answers };
}
