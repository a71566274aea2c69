import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { phenomenonLabel } from "#app/features/content/content.ts";
import { notifyResponse } from "#app/features/signals/response-notice.server.ts";
import { scrubNote, withSignal } from "#app/features/signals/triage.server.ts";
import { isLanguage, textDirection, type Language } from "#app/i18n/languages.ts";
import type { AppServices } from "#app/services.server.ts";
import { templatesFor, type ResponseTemplate } from "./templates.server.ts";

// Responses to the ambassador who sent a signal (docs/decisions/0230): staff
// pick a template for the signal's phenomenon, may edit it, and the text is
// scrubbed like a signal before anything is stored — when the scrubber
// removes something, nothing is stored and the writer sees what would be sent.
// The sender is told (push, and e-mail if they asked for it) in the same
// transaction, and may answer "was this helpful?" once; the answer exists only
// as a total per template and phenomenon.

type Services = Pick<AppServices, "db" | "clock" | "log" | "config" | "municipality" | "content" | "responseTemplates">;

export type SendError =
  | "not_found"
  | "forbidden"
  | "unknown_template"
  | "template_not_for_phenomenon"
  | "unknown_language"
  /** The form's key was used for a response on another signal or by someone else. */
  | "key_used"
  /** The scrubber removed something: `text` is what would be stored; send it again after checking. */
  | "check_redaction";

export type SendResult = { ok: true; id: string } | { ok: false; error: Exclude<SendError, "check_redaction"> } | { ok: false; error: "check_redaction"; text: string };

/**
 * Sends a response from a template. `body` is what staff wrote (the template's
 * text, maybe edited); it is stored only when the scrubber leaves it as it is.
 */
export async function sendResponse(
  services: Services,
  viewer: Viewer,
  signalId: string,
  input: { key: string; templateId: string; language: string; body: string },
): Promise<SendResult> {
  if (!can(viewer, "signals:triage")) return { ok: false, error: "forbidden" };
  const template = services.responseTemplates.byId.get(input.templateId);
  if (!template) return { ok: false, error: "unknown_template" };
  if (!isLanguage(input.language)) return { ok: false, error: "unknown_language" };
  const language = input.language;
  const scrubbed = await scrubNote(services, viewer, input.body);
  if (scrubbed !== input.body) return { ok: false, error: "check_redaction", text: scrubbed };
  // The same form sent again (a double tap, a resend) answers with the response it made.
  const earlier = await services.db.selectFrom("signal_responses").select(["id", "signal_id", "author_id"]).where("idempotency_key", "=", input.key).executeTakeFirst();
  if (earlier) return earlier.signal_id === signalId && earlier.author_id === viewer.id ? { ok: true, id: earlier.id } : { ok: false, error: "key_used" };
  let id: string = randomUUID();
  let refusal: "template_not_for_phenomenon" | "key_used" | null = null;
  const result = await withSignal(services, viewer, signalId, "signals:triage", async (trx, row, now) => {
    if (!template.phenomena.includes(row.phenomenon)) {
      refusal = "template_not_for_phenomenon";
      await recordAudit(
        { db: trx, clock: services.clock },
        { actor: viewer, action: "signal.response_refused", target: { type: "signal", id: row.id }, details: { templateId: template.id, reason: refusal } },
      );
      return { ok: false, error: "unchanged" };
    }
    const edited = scrubbed !== template.body[language];
    const inserted = await trx
      .insertInto("signal_responses")
      .values({
        id,
        signal_id: row.id,
        municipality_id: row.municipality_id,
        template_id: template.id,
        phenomenon: row.phenomenon,
        language,
        body: scrubbed,
        edited: edited ? 1 : 0,
        sender_id: row.created_by,
        author_id: viewer.id,
        author_role: viewer.role,
        created_at: now,
        idempotency_key: input.key,
        rated: 0,
      })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      // The same form, sent twice at once: the other request made the response (and told the sender).
      const other = await trx.selectFrom("signal_responses").select(["id", "signal_id", "author_id"]).where("idempotency_key", "=", input.key).executeTakeFirst();
      if (other && other.signal_id === row.id && other.author_id === viewer.id) {
        id = other.id;
        return { ok: true };
      }
      refusal = "key_used";
      return { ok: false, error: "unchanged" };
    }
    await recordAudit(
      { db: trx, clock: services.clock },
      { actor: viewer, action: "signal.response_sent", target: { type: "signal", id: row.id }, details: { templateId: template.id, edited } },
    );
    if (row.created_by) {
      const optedIn = await trx.selectFrom("signal_response_mail_optins").select("user_id").where("user_id", "=", row.created_by).executeTakeFirst();
      await notifyResponse(trx, services, row.created_by, row.id, { mail: optedIn !== undefined });
    }
    return { ok: true };
  });
  if (refusal) return { ok: false, error: refusal };
  if (!result.ok) return { ok: false, error: result.error === "not_found" ? "not_found" : "forbidden" };
  return { ok: true, id };
}

export interface TemplateChoice {
  id: string;
  title: string;
  body: string;
}

/** The templates staff may pick for a signal of this phenomenon, with the text in the chosen language. */
export function templateChoices(services: Pick<AppServices, "responseTemplates">, phenomenon: string, staffLanguage: Language, textLanguage: Language): TemplateChoice[] {
  return templatesFor(services.responseTemplates, phenomenon).map((template) => ({
    id: template.id,
    title: template.title[staffLanguage],
    body: template.body[textLanguage],
  }));
}

export interface StaffResponse {
  id: string;
  templateTitle: string;
  body: string;
  language: string;
  edited: boolean;
  createdAt: string;
}

/** The responses sent on a signal, for staff who may respond (the page checked that they may see the signal). */
export async function listResponsesForStaff(services: Pick<AppServices, "db" | "responseTemplates">, viewer: Viewer, signalId: string, language: Language): Promise<StaffResponse[]> {
  if (!can(viewer, "signals:triage")) return [];
  const rows = await services.db
    .selectFrom("signal_responses")
    .select(["id", "template_id", "body", "language", "edited", "created_at"])
    .where("signal_id", "=", signalId)
    .where("municipality_id", "=", viewer.municipalityId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    templateTitle: services.responseTemplates.byId.get(row.template_id)?.title[language] ?? row.template_id,
    body: row.body,
    language: row.language,
    edited: row.edited === 1,
    createdAt: row.created_at,
  }));
}

export interface AmbassadorResponse {
  id: string;
  title: string;
  body: string;
  /** The language the text is in, for lang and dir on the page. */
  language: Language;
  dir: "ltr" | "rtl";
  createdAt: string;
  /** Only the sender may answer "was this helpful?", once. */
  rating: "open" | "done" | "not_yours";
}

function shownText(template: ResponseTemplate | undefined, row: { body: string; language: string; edited: number }, reader: Language) {
  // The template's own text reaches every reader in their language; an edited one as it was written.
  if (template && row.edited === 0) return { body: template.body[reader], language: reader };
  return { body: row.body, language: isLanguage(row.language) ? row.language : ("nl" as const) };
}

/**
 * Responses on these signals, for an ambassador of the sending organisation
 * (the caller has already listed or opened the signals through their scope).
 */
export async function listResponsesForAmbassador(
  services: Pick<AppServices, "db" | "responseTemplates">,
  viewer: Viewer,
  signalIds: readonly string[],
  reader: Language,
): Promise<Map<string, AmbassadorResponse[]>> {
  const bySignal = new Map<string, AmbassadorResponse[]>();
  if (!can(viewer, "signals:own") || signalIds.length === 0) return bySignal;
  const rows = await services.db
    .selectFrom("signal_responses")
    .select(["id", "signal_id", "template_id", "body", "language", "edited", "sender_id", "rated", "created_at"])
    .where("signal_id", "in", [...signalIds])
    .where("municipality_id", "=", viewer.municipalityId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  for (const row of rows) {
    const template = services.responseTemplates.byId.get(row.template_id);
    const shown = shownText(template, row, reader);
    const list = bySignal.get(row.signal_id) ?? [];
    list.push({
      id: row.id,
      title: template?.title[shown.language] ?? "",
      body: shown.body,
      language: shown.language,
      dir: textDirection(shown.language),
      createdAt: row.created_at,
      rating: row.sender_id !== viewer.id ? "not_yours" : row.rated === 1 ? "done" : "open",
    });
    bySignal.set(row.signal_id, list);
  }
  return bySignal;
}

export type RateError = "not_found" | "forbidden" | "already_rated";

/**
 * "Was this helpful?": once per response, by the signal's sender. What they
 * answered goes only into the totals; the response keeps that it was rated.
 * A success writes no audit row (it would put a person and a time next to a
 * changed total); a refusal of someone else's response is audited.
 */
export async function rateResponse(services: Pick<AppServices, "db" | "clock">, viewer: Viewer, signalId: string, responseId: string, helpful: boolean): Promise<{ ok: true } | { ok: false; error: RateError }> {
  if (!can(viewer, "signals:own")) return { ok: false, error: "forbidden" };
  return services.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("signal_responses")
      .select(["id", "signal_id", "municipality_id", "template_id", "phenomenon", "sender_id"])
      .where("id", "=", responseId)
      .executeTakeFirst();
    if (!row || row.municipality_id !== viewer.municipalityId || row.signal_id !== signalId) return { ok: false as const, error: "not_found" as const };
    if (row.sender_id !== viewer.id) {
      await recordAudit({ db: trx, clock: services.clock }, { actor: viewer, action: "signal.response_rating_refused", target: { type: "signal", id: row.signal_id } });
      return { ok: false as const, error: "forbidden" as const };
    }
    // Only the first answer counts, also when two arrive at once.
    const marked = await trx.updateTable("signal_responses").set({ rated: 1 }).where("id", "=", row.id).where("rated", "=", 0).executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 0) return { ok: false as const, error: "already_rated" as const };
    await trx
      .insertInto("signal_response_ratings")
      .values({ municipality_id: row.municipality_id, template_id: row.template_id, phenomenon: row.phenomenon, helpful: helpful ? 1 : 0, not_helpful: helpful ? 0 : 1 })
      .onConflict((oc) =>
        oc.columns(["municipality_id", "template_id", "phenomenon"]).doUpdateSet({
          helpful: sql<number>`signal_response_ratings.helpful + ${helpful ? 1 : 0}`,
          not_helpful: sql<number>`signal_response_ratings.not_helpful + ${helpful ? 0 : 1}`,
        }),
      )
      .execute();
    return { ok: true as const };
  });
}

/**
 * A row's answers: the split into "helped" and "did not help" only when at
 * least the municipality's suppression threshold of ambassadors answered;
 * below it the split would show what one person said.
 */
export type RatingSplit = { shown: true; answers: number; helpful: number; notHelpful: number } | { shown: false; threshold: number };

export interface RatingTotal {
  templateId: string;
  templateTitle: string;
  phenomenon: string;
  phenomenonLabel: string;
  /** How often staff sent it: staff's own work, and it says nothing about what anyone answered. */
  sent: number;
  ratings: RatingSplit;
}

/**
 * The one rule for showing a row's answers. Zero answers reads like a few
 * ("< t") too, so that a row's figures never tell a single answer apart, and
 * nothing else on the page (no sum over rows, no "not answered" next to
 * "sent") is derived from a hidden split.
 */
export function protectRatingSplit(services: Pick<AppServices, "municipality">, helpful: number, notHelpful: number): RatingSplit {
  const threshold = services.municipality.suppressionThreshold;
  const answers = helpful + notHelpful;
  return answers < threshold ? { shown: false, threshold } : { shown: true, answers, helpful, notHelpful };
}

/**
 * Totals per template and phenomenon: how often sent, and — when enough
 * ambassadors answered — how often found helpful or not. Never per person or
 * signal, and no total across rows (it would give away a hidden row's split).
 */
export async function ratingTotals(services: Pick<AppServices, "db" | "responseTemplates" | "municipality" | "content">, viewer: Viewer, language: Language): Promise<RatingTotal[]> {
  if (!can(viewer, "signals:triage")) return [];
  const [sent, ratings] = await Promise.all([
    services.db
      .selectFrom("signal_responses")
      .select((eb) => ["template_id", "phenomenon", eb.fn.countAll<number>().as("count")])
      .where("municipality_id", "=", viewer.municipalityId)
      .groupBy(["template_id", "phenomenon"])
      .execute(),
    services.db.selectFrom("signal_response_ratings").selectAll().where("municipality_id", "=", viewer.municipalityId).execute(),
  ]);
  const key = (templateId: string, phenomenon: string) => `${templateId}\u0000${phenomenon}`;
  const rated = new Map(ratings.map((r) => [key(r.template_id, r.phenomenon), r]));
  const order = [...services.responseTemplates.all.map((t) => t.id)];
  return sent
    .map((row) => {
      const r = rated.get(key(row.template_id, row.phenomenon));
      return {
        templateId: row.template_id,
        templateTitle: services.responseTemplates.byId.get(row.template_id)?.title[language] ?? row.template_id,
        phenomenon: row.phenomenon,
        phenomenonLabel: phenomenonLabel(services.content, row.phenomenon, language),
        sent: Number(row.count),
        ratings: protectRatingSplit(services, Number(r?.helpful ?? 0), Number(r?.not_helpful ?? 0)),
      };
    })
    .sort((a, b) => order.indexOf(a.templateId) - order.indexOf(b.templateId) || a.phenomenonLabel.localeCompare(b.phenomenonLabel, language));
}

/** Whether this ambassador gets an e-mail when one of their signals gets a response (push needs no extra choice). */
export async function responseMailOptIn(services: Pick<AppServices, "db">, viewer: Viewer): Promise<boolean | null> {
  if (!can(viewer, "signals:own")) return null;
  return (await services.db.selectFrom("signal_response_mail_optins").select("user_id").where("user_id", "=", viewer.id).executeTakeFirst()) !== undefined;
}

export async function setResponseMailOptIn(services: Pick<AppServices, "db" | "clock">, viewer: Viewer, on: boolean): Promise<boolean> {
  if (!can(viewer, "signals:own")) return false;
  if (on) {
    await services.db
      .insertInto("signal_response_mail_optins")
      .values({ user_id: viewer.id, created_at: services.clock.now().toISOString() })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
  } else {
    await services.db.deleteFrom("signal_response_mail_optins").where("user_id", "=", viewer.id).execute();
  }
  return true;
}
