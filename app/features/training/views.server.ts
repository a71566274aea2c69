import type { AppServices } from "#app/services.server.ts";
import { formatDay } from "#app/calendar/format.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { organisationView, type OrganisationView } from "#app/features/flows/flows.ts";
import type { Language } from "#app/i18n/languages.ts";
import { textIn } from "./content-schema.ts";
import { basicModules, certificateOf, findModule, latestAttempt, moduleProgress, moduleResults, type CertificateView, type ModuleStatus } from "./training.server.ts";

// What the training pages show, in the reader's language: the routes only
// parse and pass it on.

type Services = Pick<AppServices, "db" | "clock" | "config" | "training" | "content" | "municipality">;

export interface CertificateSummary extends CertificateView {
  validUntilLabel: string;
  /** Within a month of lapsing: time to renew. */
  renewSoon: boolean;
}

async function certificateSummary(services: Services, userId: string, language: Language): Promise<CertificateSummary | null> {
  const certificate = await certificateOf(services, userId);
  if (!certificate) return null;
  const monthAhead = new Date(services.clock.now());
  monthAhead.setUTCMonth(monthAhead.getUTCMonth() + 1);
  return {
    ...certificate,
    validUntilLabel: formatDay(certificate.validUntil, language),
    renewSoon: certificate.valid && certificate.validUntil <= monthAhead.toISOString(),
  };
}

export async function trainingOverview(services: Services, viewer: Viewer, language: Language) {
  const progress = await moduleProgress(services, viewer.id);
  return {
    basicCount: basicModules(services).length,
    certificate: await certificateSummary(services, viewer.id, language),
    modules: services.training.modules.map((module) => {
      const own = progress.find((p) => p.moduleId === module.id);
      return {
        id: module.id,
        title: textIn(module.title, language),
        summary: textIn(module.summary, language),
        basic: module.basic,
        status: (own?.status ?? "not_started") as ModuleStatus,
        bestScore: own?.bestScore ?? null,
        total: module.questions.length,
      };
    }),
  };
}

export async function moduleLesson(services: Services, viewer: Viewer, moduleId: string, language: Language) {
  const module = findModule(services, moduleId);
  if (!module) return null;
  const attempt = await latestAttempt(services, viewer.id, module);
  const organisations: OrganisationView[] = module.organisations
    .map((id) => services.content.organisations.find((o) => o.id === id))
    .filter((o) => o !== undefined)
    .map((o) => organisationView(o, language));
  return {
    id: module.id,
    title: textIn(module.title, language),
    summary: textIn(module.summary, language),
    lesson: module.lesson.map((paragraph) => textIn(paragraph, language)),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, helpsWith: o.helpsWith, phones: o.phones })),
    flows: module.flows.map((id) => {
      const flow = services.content.flows.find((f) => f.id === id)!;
      return { id, title: textIn(flow.title, language) };
    }),
    passScore: module.passScore,
    total: module.questions.length,
    attemptOpen: attempt !== null && !attempt.finished,
    // For answering on the device without a connection (decision 0904): the questions with their
    // right answers and explanations travel with the page, so the explanation can follow each answer.
    offlineQuestions: module.questions.map((question) => ({
      id: question.id,
      text: textIn(question.text, language),
      options: question.options.map((option) => ({ id: option.id, label: textIn(option.label, language) })),
      answer: question.answer ?? "",
      explanation: textIn(question.explanation, language),
    })),
  };
}

export type QuestionsPage =
  | { kind: "none"; moduleId: string }
  | { kind: "question"; moduleId: string; moduleTitle: string; attemptId: string; number: number; total: number; question: { id: string; text: string; options: { id: string; label: string }[] } }
  | {
      kind: "explanation";
      moduleId: string;
      moduleTitle: string;
      number: number;
      total: number;
      question: string;
      correct: boolean;
      yourAnswer: string;
      rightAnswer: string;
      explanation: string;
      last: boolean;
    }
  | {
      kind: "result";
      moduleId: string;
      moduleTitle: string;
      score: number;
      total: number;
      needed: number;
      passed: boolean;
      certificate: CertificateSummary | null;
      /** Certified by this very attempt (its end is the certificate's start). */
      justCertified: boolean;
      review: { question: string; answer: string; correct: boolean }[];
    };

/**
 * The questions page: the next question of the open attempt, the explanation
 * of an answer just given (`explain`: its question id), or the finished
 * attempt's result.
 */
export async function questionsPage(services: Services, viewer: Viewer, moduleId: string, language: Language, explain?: string): Promise<QuestionsPage | null> {
  const module = findModule(services, moduleId);
  if (!module) return null;
  const attempt = await latestAttempt(services, viewer.id, module);
  if (!attempt) return { kind: "none", moduleId };
  const moduleTitle = textIn(module.title, language);
  const total = module.questions.length;
  const label = (questionId: string, optionId: string) => {
    const option = module.questions.find((q) => q.id === questionId)?.options.find((o) => o.id === optionId);
    return option ? textIn(option.label, language) : optionId;
  };
  const explained = explain ? attempt.answers.find((answer) => answer.questionId === explain) : undefined;
  if (explained) {
    const question = module.questions.find((q) => q.id === explained.questionId)!;
    return {
      kind: "explanation",
      moduleId,
      moduleTitle,
      number: module.questions.indexOf(question) + 1,
      total,
      question: textIn(question.text, language),
      correct: explained.correct,
      yourAnswer: label(question.id, explained.optionId),
      rightAnswer: label(question.id, question.answer ?? ""),
      explanation: textIn(question.explanation, language),
      last: attempt.finished,
    };
  }
  if (!attempt.finished && attempt.nextQuestionId) {
    const question = module.questions.find((q) => q.id === attempt.nextQuestionId)!;
    return {
      kind: "question",
      moduleId,
      moduleTitle,
      attemptId: attempt.attemptId,
      number: module.questions.indexOf(question) + 1,
      total,
      question: { id: question.id, text: textIn(question.text, language), options: question.options.map((o) => ({ id: o.id, label: textIn(o.label, language) })) },
    };
  }
  const certificate = await certificateSummary(services, viewer.id, language);
  const finishedAt = await services.db.selectFrom("training_attempts").select("finished_at").where("id", "=", attempt.attemptId).executeTakeFirst();
  return {
    kind: "result",
    moduleId,
    moduleTitle,
    score: attempt.correctCount,
    total,
    needed: module.passScore,
    passed: attempt.passed,
    certificate,
    justCertified: certificate !== null && certificate.valid && certificate.certifiedAt === finishedAt?.finished_at,
    review: attempt.answers.map((answer) => ({
      question: textIn(module.questions.find((q) => q.id === answer.questionId)!.text, language),
      answer: label(answer.questionId, answer.optionId),
      correct: answer.correct,
    })),
  };
}

/** The printable certificate, or null when the ambassador holds no valid one. */
export async function certificatePage(services: Services, viewer: Viewer, language: Language) {
  const certificate = await certificateOf(services, viewer.id);
  if (!certificate?.valid) return null;
  return {
    name: viewer.displayName,
    organisation: viewer.organisationName,
    municipality: services.municipality.name,
    from: formatDay(certificate.certifiedAt, language),
    until: formatDay(certificate.validUntil, language),
    modules: basicModules(services).map((module) => textIn(module.title, language)),
  };
}

/** A count as coordinators may see it: below the municipality's threshold only "< threshold". */
export function protectedCount(count: number, threshold: number): { value: number | null; belowThreshold: boolean } {
  return count > 0 && count < threshold ? { value: null, belowThreshold: true } : { value: count, belowThreshold: false };
}

/** Results per module for coordinators: totals over all ambassadors, small counts hidden, never per person. */
export async function trainingResultsPage(services: Services, municipalityId: string, language: Language) {
  const threshold = services.municipality.suppressionThreshold;
  const results = await moduleResults(services, municipalityId);
  return {
    threshold,
    modules: results.map((result) => {
      const module = findModule(services, result.moduleId)!;
      return {
        id: module.id,
        title: textIn(module.title, language),
        finished: protectedCount(result.finishedAttempts, threshold),
        passed: protectedCount(result.passedAttempts, threshold),
        questions: [...result.questions]
          .sort((a, b) => b.missed - a.missed || module.questions.findIndex((q) => q.id === a.questionId) - module.questions.findIndex((q) => q.id === b.questionId))
          .map((question) => {
            const content = module.questions.find((q) => q.id === question.questionId)!;
            const wrong = question.commonWrongOptionId ? content.options.find((o) => o.id === question.commonWrongOptionId) : undefined;
            const missed = protectedCount(question.missed, threshold);
            return {
              id: question.questionId,
              text: textIn(content.text, language),
              answered: protectedCount(question.answered, threshold),
              missed,
              // Which wrong answer is popular says nothing when the count itself is hidden.
              commonWrong: wrong && !missed.belowThreshold ? textIn(wrong.label, language) : null,
            };
          }),
      };
    }),
  };
}
