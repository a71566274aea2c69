import type { TFunction } from "i18next";
import type { Transaction } from "kysely";
import type { Database } from "#db/schema.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { activePhenomena } from "#app/features/content/content.ts";
import { formValues, parseForm, type FieldErrors } from "#app/forms/parse-form.ts";
import { IDEMPOTENCY_KEY_PATTERN, normaliseText, signalFormSchema } from "./schemas.ts";
import { FREE_TEXT_MAX_LENGTH } from "./options.ts";
import { scrubOptions, submitErrorField, submitSignal, today, type SubmittedSignal } from "./submitting.server.ts";
import { scrub, type ScrubResult } from "./scrubber.ts";
import { consumeRateLimitsIn, readRateLimit, retryAfterSeconds, type RateLimitRule } from "#app/features/rate-limit/rate-limit.server.ts";

async function hasSignalWithKey(services: Pick<AppServices, "db">, key: string): Promise<boolean> {
  const row = await services.db.selectFrom("signals").select("id").where("idempotency_key", "=", key).executeTakeFirst();
  return row !== undefined;
}
import { findWijk } from "#app/features/areas/areas.server.ts";
import { notifyCoordinatorsOfUrgentSignal } from "#app/features/warnings/warnings.server.ts";

// One submission of the signal form, whether it came as a plain form post
// (JavaScript off), from the enhanced form, or as JSON from a service
// worker's outbox. The route turns the outcome into a page or into JSON.

export type SubmissionOutcome =
  | { kind: "preview"; values: Record<string, string>; preview: Pick<ScrubResult, "text" | "counts"> }
  | {
      kind: "invalid";
      status: 400 | 403 | 409 | 429;
      fieldErrors: FieldErrors;
      formErrors: string[];
      values: Record<string, string>;
      /** Seconds, with status 429. */
      retryAfter?: number;
    }
  | { kind: "preview_required"; message: string; preview: Pick<ScrubResult, "text" | "counts">; values: Record<string, string> }
  | { kind: "stored"; created: boolean; signal: SubmittedSignal };

type Services = AppServices;

/**
 * Optional work tied to the new signal by another feature (e.g. attaching it
 * to a situation): done in the signal's transaction, so a refusal stores
 * nothing at all. A replay of a stored signal never reaches it.
 */
export interface SubmissionAttachment {
  /** null when done; a refusal rolls the signal back. */
  inTransaction(trx: Transaction<Database>, signal: { id: string }): Promise<AttachmentRefusal | null>;
  /** After a refusal, outside the rolled-back transaction (to audit it). */
  refused(refusal: AttachmentRefusal): Promise<void>;
}

export interface AttachmentRefusal {
  field: string;
  /** Already in the sender's language. */
  message: string;
  status: 400 | 409;
  reason: string;
}

/** New signals per ambassador per hour; a resend of a stored one (same key) is never limited. */
export function signalRule(config: AppServices["config"]): RateLimitRule {
  return { bucket: "signal-submit", limit: config.rateLimits.signalsPerHour, windowMs: 60 * 60_000 };
}

export async function handleSignalSubmission(
  services: Services,
  viewer: Viewer,
  t: TFunction,
  fields: URLSearchParams,
  attachment?: SubmissionAttachment,
): Promise<SubmissionOutcome> {
  const values = echoedValues(fields);
  if (fields.get("intent") === "preview") {
    // The server's own scrub: what a client without the scrubber (or without JavaScript) shows.
    const raw = normaliseText(fields.get("freeText") ?? "");
    // The scrubber's work grows faster than the text: a text longer than a signal
    // may be is refused before it is scrubbed (found by the fuzz test).
    if ([...raw].length > FREE_TEXT_MAX_LENGTH) {
      const message = t("signals:errors.text_too_long", { count: FREE_TEXT_MAX_LENGTH });
      return { kind: "invalid", status: 400, fieldErrors: { freeText: [message] }, formErrors: [], values };
    }
    const options = await scrubOptions(services, { id: viewer.municipalityId, name: services.municipality.name });
    const { text, counts } = scrub(raw, options);
    return { kind: "preview", values, preview: { text, counts } };
  }

  const parsed = parseForm(signalFormSchema(today(services), activePhenomena(services.content).map((p) => p.id)), fields, t);
  if (!parsed.success) return { kind: "invalid", status: 400, fieldErrors: parsed.fieldErrors, formErrors: parsed.formErrors, values };

  const rule = signalRule(services.config);
  const rateLimited = (retryAt: Date): SubmissionOutcome => {
    const retryAfter = retryAfterSeconds(retryAt, services.clock.now());
    return {
      kind: "invalid",
      status: 429,
      fieldErrors: {},
      formErrors: [t("signals:errors.rate_limited", { count: Math.ceil(retryAfter / 60) })],
      values,
      retryAfter,
    };
  };
  // A cheap early answer for a client past its limit; the count in the
  // signal's transaction below is what decides.
  const limit = await readRateLimit(services, rule, viewer.id);
  if (limit.limited && !(await hasSignalWithKey(services, parsed.data.idempotencyKey))) return rateLimited(limit.retryAt!);
  // The hit is counted in the signal's own transaction: stored and counted
  // together, one commit. A resend of a stored signal never gets there. Over
  // the limit, the transaction is rolled back and nothing is stored.
  let result: Awaited<ReturnType<typeof submitSignal>>;
  try {
    result = await submitSignal(services, viewer, parsed.data, {
      alsoInTransaction: async (trx, signal) => {
        const attempt = await consumeRateLimitsIn(trx, services, [{ rule, key: viewer.id }]);
        if (!attempt.allowed) throw new OverLimit(attempt.retryAt);
        const refusal = attachment ? await attachment.inTransaction(trx, signal) : null;
        if (refusal) throw new AttachmentRefused(refusal);
      },
    });
  } catch (error) {
    if (error instanceof OverLimit) return rateLimited(error.retryAt);
    if (error instanceof AttachmentRefused) {
      await attachment!.refused(error.refusal);
      return { kind: "invalid", status: error.refusal.status, fieldErrors: { [error.refusal.field]: [error.refusal.message] }, formErrors: [], values };
    }
    throw error;
  }
  if (result.ok && result.created && parsed.data.urgency === "urgent") {
    // The warnings capability pushes it to coordinators who opted in; never slows or fails the submission.
    const { phenomenon, wijkId } = parsed.data;
    services.tasks.run("urgent signal push", async () => {
      const wijk = await findWijk(services, wijkId);
      await notifyCoordinatorsOfUrgentSignal(services, { id: result.signal.id, municipalityId: viewer.municipalityId, phenomenon, wijkName: wijk?.name ?? "" });
    });
  }
  if (result.ok) return { kind: "stored", created: result.created, signal: result.signal };
  if (result.error === "preview_required") {
    return {
      kind: "preview_required",
      message: t("signals:form.preview_required"),
      preview: { text: result.preview.text, counts: result.preview.counts },
      values,
    };
  }
  const message = t(`signals:errors.${result.error}`);
  const field = submitErrorField[result.error];
  const status = result.error === "idempotency_key_conflict" ? 409 : result.error === "not_an_ambassador" || result.error === "organisation_archived" ? 403 : 400;
  return {
    kind: "invalid",
    status,
    fieldErrors: field ? { [field]: [message] } : {},
    formErrors: field ? [] : [message],
    values: result.error === "idempotency_key_conflict" ? withoutKey(values) : values,
  };
}

class AttachmentRefused extends Error {
  readonly refusal: AttachmentRefusal;
  constructor(refusal: AttachmentRefusal) {
    super("attachment refused");
    this.refusal = refusal;
  }
}

class OverLimit extends Error {
  readonly retryAt: Date;
  constructor(retryAt: Date) {
    super("over the signal limit");
    this.retryAt = retryAt;
  }
}

/** What the form shows again; a malformed key is not sent back, so the page hands out a fresh one. */
function echoedValues(fields: URLSearchParams): Record<string, string> {
  const values = formValues(fields);
  delete values.intent;
  delete values.confirmedText;
  return IDEMPOTENCY_KEY_PATTERN.test(values.idempotencyKey?.trim().toLowerCase() ?? "") ? values : withoutKey(values);
}

function withoutKey(values: Record<string, string>): Record<string, string> {
  const { idempotencyKey: _key, ...rest } = values;
  return rest;
}

/** The fields of a form post or of a JSON body; null when the body cannot be read. */
export async function readSubmissionFields(request: Request): Promise<URLSearchParams | null> {
  const type = request.headers.get("content-type") ?? "";
  try {
    if (/\bapplication\/json\b/.test(type)) return jsonToFields(await request.json());
    const form = await request.formData();
    const fields = new URLSearchParams();
    for (const [key, value] of form.entries()) if (typeof value === "string") fields.append(key, value);
    return fields;
  } catch {
    return null;
  }
}

/** A JSON object's string, number and boolean fields, as a form would carry them. */
export function jsonToFields(body: unknown): URLSearchParams | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const fields = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") fields.append(key, String(value));
  }
  return fields;
}
