import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppServices } from "#app/services.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { Database } from "#db/schema.ts";
import type { TrainingModule } from "./content-schema.ts";

// Training for ambassadors: attempts at the modules in content/training/,
// one answer per question, a module passed at its pass score, and the
// certificate that passing every basic module gives (valid for
// CERTIFICATE_VALID_MONTHS). Renewal works the same way: passing every basic
// module again after the last certification renews it.

type Db = Kysely<Database> | Transaction<Database>;
type Services = Pick<AppServices, "db" | "clock" | "config" | "training">;

export function findModule(services: Pick<AppServices, "training">, id: string): TrainingModule | undefined {
  return services.training.modules.find((module) => module.id === id);
}

export function basicModules(services: Pick<AppServices, "training">): readonly TrainingModule[] {
  return services.training.modules.filter((module) => module.basic);
}

/** A date `months` calendar months later (the same day of the month, or the month's last day). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export type ModuleStatus = "not_started" | "in_progress" | "passed" | "not_passed";

export interface ModuleProgress {
  moduleId: string;
  status: ModuleStatus;
  /** Right answers in the best finished attempt. */
  bestScore: number | null;
  lastPassedAt: string | null;
}

export interface CertificateView {
  certifiedAt: string;
  validUntil: string;
  valid: boolean;
}

/** Every module's progress for one ambassador, in the modules' order. */
export async function moduleProgress(services: Services, userId: string): Promise<ModuleProgress[]> {
  const attempts = await services.db
    .selectFrom("training_attempts")
    .select(["module_id", "finished_at", "correct_count", "passed", "started_at"])
    .where("user_id", "=", userId)
    .orderBy("started_at")
    .execute();
  return services.training.modules.map((module) => {
    const own = attempts.filter((attempt) => attempt.module_id === module.id);
    const finished = own.filter((attempt) => attempt.finished_at);
    const passed = finished.filter((attempt) => Number(attempt.passed) === 1);
    const latest = own.at(-1);
    const status: ModuleStatus = passed.length
      ? "passed"
      : latest && !latest.finished_at
        ? "in_progress"
        : finished.length
          ? "not_passed"
          : "not_started";
    return {
      moduleId: module.id,
      status,
      bestScore: finished.length ? Math.max(...finished.map((attempt) => Number(attempt.correct_count))) : null,
      lastPassedAt: passed.at(-1)?.finished_at ?? null,
    };
  });
}

export async function certificateOf(services: Pick<AppServices, "db" | "clock">, userId: string): Promise<CertificateView | null> {
  const row = await services.db.selectFrom("training_certificates").selectAll().where("user_id", "=", userId).executeTakeFirst();
  if (!row) return null;
  return { certifiedAt: row.certified_at, validUntil: row.valid_until, valid: row.valid_until > services.clock.now().toISOString() };
}

export interface AttemptState {
  attemptId: string;
  finished: boolean;
  passed: boolean;
  correctCount: number;
  /** The next question to answer (null when finished). */
  nextQuestionId: string | null;
  answers: { questionId: string; optionId: string; correct: boolean }[];
}

/** The ambassador's latest attempt at a module, or null when they never started it. */
export async function latestAttempt(services: Services, userId: string, module: TrainingModule): Promise<AttemptState | null> {
  const attempt = await services.db
    .selectFrom("training_attempts")
    .selectAll()
    .where("user_id", "=", userId)
    .where("module_id", "=", module.id)
    // At most one attempt is open at a time, and it is the latest; then the one finished last.
    .orderBy(sql`case when finished_at is null then 0 else 1 end`)
    .orderBy("started_at", "desc")
    .orderBy("finished_at", "desc")
    .executeTakeFirst();
  if (!attempt) return null;
  const answers = await services.db.selectFrom("training_answers").selectAll().where("attempt_id", "=", attempt.id).execute();
  const answered = new Set(answers.map((answer) => answer.question_id));
  const ordered = module.questions
    .map((question) => answers.find((answer) => answer.question_id === question.id))
    .filter((answer) => answer !== undefined);
  return {
    attemptId: attempt.id,
    finished: attempt.finished_at !== null,
    passed: Number(attempt.passed) === 1,
    correctCount: Number(attempt.correct_count),
    nextQuestionId: attempt.finished_at ? null : (module.questions.find((question) => !answered.has(question.id))?.id ?? null),
    answers: ordered.map((answer) => ({ questionId: answer.question_id, optionId: answer.option_id, correct: Number(answer.correct) === 1 })),
  };
}

/** Starts a new attempt, or returns the one still open (a second click changes nothing). */
export async function startAttempt(services: Services, viewer: Viewer, module: TrainingModule): Promise<string> {
  const current = await latestAttempt(services, viewer.id, module);
  if (current && !current.finished) return current.attemptId;
  const id = randomUUID();
  await services.db
    .insertInto("training_attempts")
    .values({ id, user_id: viewer.id, module_id: module.id, started_at: services.clock.now().toISOString(), finished_at: null, correct_count: 0, passed: 0 })
    .execute();
  return id;
}

export type AnswerError = "no_attempt" | "unknown_question" | "unknown_option";
export type AnswerResult =
  | { ok: true; correct: boolean; finished: boolean; passed: boolean; certified: boolean }
  | { ok: false; error: AnswerError };

/**
 * Records one answer in the ambassador's open attempt. The answer to a
 * question already answered in this attempt stays as it was (a repeated post
 * changes nothing). The last answer finishes the attempt; a pass of the last
 * basic module certifies.
 */
export async function answerQuestion(
  services: Services,
  viewer: Viewer,
  module: TrainingModule,
  input: { attemptId: string; questionId: string; optionId: string },
): Promise<AnswerResult> {
  const question = module.questions.find((q) => q.id === input.questionId);
  if (!question) return { ok: false, error: "unknown_question" };
  if (!question.options.some((option) => option.id === input.optionId)) return { ok: false, error: "unknown_option" };
  const moment = services.clock.now();
  const now = moment.toISOString();
  return services.db.transaction().execute(async (trx) => {
    const attempt = await trx
      .selectFrom("training_attempts")
      .selectAll()
      .where("id", "=", input.attemptId)
      .where("user_id", "=", viewer.id)
      .where("module_id", "=", module.id)
      .executeTakeFirst();
    if (!attempt) return { ok: false as const, error: "no_attempt" as const };
    if (!attempt.finished_at) {
      await trx
        .insertInto("training_answers")
        .values({ attempt_id: attempt.id, question_id: question.id, option_id: input.optionId, correct: question.answer === input.optionId ? 1 : 0, answered_at: now })
        .onConflict((oc) => oc.columns(["attempt_id", "question_id"]).doNothing())
        .execute();
    }
    const stored = await trx.selectFrom("training_answers").select(["question_id", "correct"]).where("attempt_id", "=", attempt.id).execute();
    const thisAnswer = stored.find((answer) => answer.question_id === question.id);
    const correctCount = stored.filter((answer) => Number(answer.correct) === 1).length;
    let finished = attempt.finished_at !== null;
    let passed = Number(attempt.passed) === 1;
    let certified = false;
    if (!finished && stored.length >= module.questions.length) {
      finished = true;
      passed = correctCount >= module.passScore;
      await trx
        .updateTable("training_attempts")
        .set({ finished_at: now, correct_count: correctCount, passed: passed ? 1 : 0 })
        .where("id", "=", attempt.id)
        .execute();
      if (passed && module.basic) certified = await certifyIfEarned({ ...services, db: trx }, viewer.id, moment);
    }
    return { ok: true as const, correct: Number(thisAnswer?.correct) === 1, finished, passed, certified };
  });
}

export type OfflineAttemptResult =
  | { ok: true; passed: boolean; correctCount: number; certified: boolean; repeated: boolean }
  | { ok: false; error: "incomplete" | "unknown_question" | "unknown_option" | "no_attempt" };

/**
 * Records a whole attempt that was answered on the device without a
 * connection (the training outbox, decision 0904). The device's key is the
 * attempt's id: sending it again (a retry, a second tab) changes nothing and
 * answers with what was stored. Every question must be answered with one of
 * its options, or nothing is stored. Passed at the module's pass score; a pass
 * of the last basic module certifies, from the moment it arrived.
 */
export async function recordOfflineAttempt(
  services: Services,
  viewer: Viewer,
  module: TrainingModule,
  input: { key: string; answers: Record<string, string> },
): Promise<OfflineAttemptResult> {
  for (const questionId of Object.keys(input.answers)) {
    if (!module.questions.some((question) => question.id === questionId)) return { ok: false, error: "unknown_question" };
  }
  for (const question of module.questions) {
    const optionId = input.answers[question.id];
    if (!optionId) return { ok: false, error: "incomplete" };
    if (!question.options.some((option) => option.id === optionId)) return { ok: false, error: "unknown_option" };
  }
  const moment = services.clock.now();
  const now = moment.toISOString();
  return services.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("training_attempts")
      .values({ id: input.key, user_id: viewer.id, module_id: module.id, started_at: now, finished_at: null, correct_count: 0, passed: 0 })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx.selectFrom("training_attempts").selectAll().where("id", "=", input.key).executeTakeFirst();
      if (!existing || existing.user_id !== viewer.id || existing.module_id !== module.id || !existing.finished_at) return { ok: false as const, error: "no_attempt" as const };
      const certificate = await trx.selectFrom("training_certificates").select("certified_at").where("user_id", "=", viewer.id).executeTakeFirst();
      return {
        ok: true as const,
        passed: Number(existing.passed) === 1,
        correctCount: Number(existing.correct_count),
        certified: certificate?.certified_at === existing.finished_at,
        repeated: true,
      };
    }
    let correctCount = 0;
    for (const question of module.questions) {
      const correct = question.answer === input.answers[question.id];
      if (correct) correctCount++;
      await trx
        .insertInto("training_answers")
        .values({ attempt_id: input.key, question_id: question.id, option_id: input.answers[question.id]!, correct: correct ? 1 : 0, answered_at: now })
        .execute();
    }
    const passed = correctCount >= module.passScore;
    await trx.updateTable("training_attempts").set({ finished_at: now, correct_count: correctCount, passed: passed ? 1 : 0 }).where("id", "=", input.key).execute();
    const certified = passed && module.basic ? await certifyIfEarned({ ...services, db: trx }, viewer.id, moment) : false;
    return { ok: true as const, passed, correctCount, certified, repeated: false };
  });
}

/**
 * Certifies (or renews) when every basic module has a pass since the last
 * certification. Returns whether it did.
 */
export async function certifyIfEarned(
  services: Pick<AppServices, "clock" | "config" | "training"> & { db: Db },
  userId: string,
  /** The moment of the pass that earned it (the certificate starts then); default now. */
  at: Date = services.clock.now(),
): Promise<boolean> {
  const existing = await services.db.selectFrom("training_certificates").selectAll().where("user_id", "=", userId).executeTakeFirst();
  const since = existing?.certified_at ?? "";
  const passes = await services.db
    .selectFrom("training_attempts")
    .select("module_id")
    .where("user_id", "=", userId)
    .where("passed", "=", 1)
    .where("finished_at", ">", since)
    .execute();
  const passedIds = new Set(passes.map((row) => row.module_id));
  if (!basicModules(services).every((module) => passedIds.has(module.id))) return false;
  const now = at;
  const values = {
    certified_at: now.toISOString(),
    valid_until: addMonths(now, services.config.training.certificateValidMonths).toISOString(),
    reminder_sent_at: null,
  };
  if (existing) await services.db.updateTable("training_certificates").set(values).where("user_id", "=", userId).execute();
  else await services.db.insertInto("training_certificates").values({ user_id: userId, ...values }).execute();
  return true;
}

export type TrainingStatus = "certified" | "expired" | "in_training" | "not_started";
export const trainingStatuses: readonly TrainingStatus[] = ["certified", "expired", "in_training", "not_started"];

/** Each ambassador's training status, for the coordinator's roster. */
export async function trainingStatusOf(
  services: Pick<AppServices, "db" | "clock">,
  userIds: readonly string[],
): Promise<Map<string, { status: TrainingStatus; validUntil: string | null; passedModules: number }>> {
  const result = new Map<string, { status: TrainingStatus; validUntil: string | null; passedModules: number }>();
  if (userIds.length === 0) return result;
  const ids = [...userIds];
  const [certificates, attempts] = await Promise.all([
    services.db.selectFrom("training_certificates").select(["user_id", "valid_until"]).where("user_id", "in", ids).execute(),
    services.db.selectFrom("training_attempts").select(["user_id", "module_id", "passed"]).where("user_id", "in", ids).execute(),
  ]);
  const now = services.clock.now().toISOString();
  for (const id of ids) {
    const certificate = certificates.find((row) => row.user_id === id);
    const own = attempts.filter((row) => row.user_id === id);
    const passedModules = new Set(own.filter((row) => Number(row.passed) === 1).map((row) => row.module_id)).size;
    const status: TrainingStatus = certificate
      ? certificate.valid_until > now
        ? "certified"
        : "expired"
      : own.length
        ? "in_training"
        : "not_started";
    result.set(id, { status, validUntil: certificate?.valid_until ?? null, passedModules });
  }
  return result;
}

/**
 * Per organisation, whether an active ambassador of it holds a valid
 * certificate: for the public "find an ambassador" page, where the
 * municipality chooses to show it. Only yes or no per place, never who.
 */
export async function organisationsWithCertifiedAmbassadors(services: Pick<AppServices, "db" | "clock">, municipalityId: string): Promise<Set<string>> {
  const rows = await services.db
    .selectFrom("training_certificates")
    .innerJoin("users", "users.id", "training_certificates.user_id")
    .select("users.organisation_id")
    .distinct()
    .where("users.municipality_id", "=", municipalityId)
    .where("users.role", "=", "ambassador")
    .where("users.deactivated_at", "is", null)
    .where("users.organisation_id", "is not", null)
    .where("training_certificates.valid_until", ">", services.clock.now().toISOString())
    .execute();
  return new Set(rows.map((row) => row.organisation_id!));
}

export interface QuestionResult {
  questionId: string;
  answered: number;
  missed: number;
  /** The wrong option chosen most often, when any. */
  commonWrongOptionId: string | null;
}

export interface ModuleResults {
  moduleId: string;
  finishedAttempts: number;
  passedAttempts: number;
  questions: QuestionResult[];
}

/**
 * Results per module and question over all ambassadors of a municipality:
 * counts only, never per person, so that coordinators see which questions
 * are often missed and nobody is ranked.
 */
export async function moduleResults(services: Pick<AppServices, "db" | "training">, municipalityId: string): Promise<ModuleResults[]> {
  const attempts = await services.db
    .selectFrom("training_attempts")
    .innerJoin("users", "users.id", "training_attempts.user_id")
    .where("users.municipality_id", "=", municipalityId)
    .where("training_attempts.finished_at", "is not", null)
    .select(["training_attempts.module_id", "training_attempts.passed"])
    .execute();
  const answers = await services.db
    .selectFrom("training_answers")
    .innerJoin("training_attempts", "training_attempts.id", "training_answers.attempt_id")
    .innerJoin("users", "users.id", "training_attempts.user_id")
    .where("users.municipality_id", "=", municipalityId)
    .select(["training_attempts.module_id", "training_answers.question_id", "training_answers.option_id", "training_answers.correct"])
    .execute();
  return services.training.modules.map((module) => {
    const own = attempts.filter((row) => row.module_id === module.id);
    return {
      moduleId: module.id,
      finishedAttempts: own.length,
      passedAttempts: own.filter((row) => Number(row.passed) === 1).length,
      questions: module.questions.map((question) => {
        const rows = answers.filter((row) => row.module_id === module.id && row.question_id === question.id);
        const wrong = rows.filter((row) => Number(row.correct) !== 1);
        const byOption = new Map<string, number>();
        for (const row of wrong) byOption.set(row.option_id, (byOption.get(row.option_id) ?? 0) + 1);
        const common = [...byOption.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
        return { questionId: question.id, answered: rows.length, missed: wrong.length, commonWrongOptionId: common?.[0] ?? null };
      }),
    };
  });
}

/** For the volunteer's data export: every attempt with its answers, and the certificate. */
export async function ownTrainingRecord(services: Pick<AppServices, "db">, userId: string) {
  const attempts = await services.db.selectFrom("training_attempts").selectAll().where("user_id", "=", userId).orderBy("started_at").execute();
  const answers = attempts.length
    ? await services.db.selectFrom("training_answers").selectAll().where("attempt_id", "in", attempts.map((a) => a.id)).orderBy("answered_at").execute()
    : [];
  const certificate = await services.db.selectFrom("training_certificates").selectAll().where("user_id", "=", userId).executeTakeFirst();
  return {
    attempts: attempts.map((attempt) => ({
      module: attempt.module_id,
      startedAt: attempt.started_at,
      finishedAt: attempt.finished_at,
      correct: Number(attempt.correct_count),
      passed: Number(attempt.passed) === 1,
      answers: answers
        .filter((answer) => answer.attempt_id === attempt.id)
        .map((answer) => ({ question: answer.question_id, option: answer.option_id, correct: Number(answer.correct) === 1, answeredAt: answer.answered_at })),
    })),
    certificate: certificate ? { certifiedAt: certificate.certified_at, validUntil: certificate.valid_until, reminderSentAt: certificate.reminder_sent_at } : null,
  };
}
