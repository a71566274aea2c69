import { languages, type Language } from "#app/i18n/languages.ts";
import { contentLanguage, inLanguage, type Audience, type Flow, type ReferralOrganisation, type Urgency } from "#app/features/content/schemas.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { rankByQuery } from "./search.ts";

// What the flow pages show, in the reader's language: pure functions over the
// validated content, so that the routes stay thin and the rules are tested once.

/** In which language an item is shown, and whether that is Dutch for want of a translation. */
export interface Shown {
  language: Language;
  fallback: boolean;
}

export interface FlowListItem extends Shown {
  id: string;
  title: string;
  summary: string;
  audiences: Audience[];
}

export interface OrganisationView {
  id: string;
  name: string;
  helpsWith: string;
  hours: string | null;
  phones: { display: string; tel: string }[];
  website: string | null;
  /** The website without https:// and www., as people read it aloud. */
  websiteLabel: string | null;
  email: string | null;
  languages: Language[];
}

export interface StepView {
  urgency: Urgency;
  text: string;
  organisations: OrganisationView[];
}

export type FlowPage = Shown & {
  flowId: string;
  flowTitle: string;
  flowLanguages: Language[];
} & (
    | {
        kind: "question";
        isStart: boolean;
        /** 1 for the first question, 2 for one answer further, … */
        number: number;
        summary: string;
        question: { id: string; text: string; hint: string | null; answers: { label: string; next: string }[] };
      }
    | {
        kind: "outcome";
        outcome: { id: string; title: string; intro: string | null; steps: StepView[] };
      }
  );

export function findFlow(content: HelpContent, id: string): Flow | undefined {
  return content.flows.find((flow) => flow.id === id);
}

function listItem(flow: Flow, wanted: Language): FlowListItem {
  const shown = contentLanguage(flow.languages, wanted);
  return {
    id: flow.id,
    title: inLanguage(flow.title, shown.language),
    summary: inLanguage(flow.summary, shown.language),
    audiences: flow.audiences,
    ...shown,
  };
}

export function listFlows(content: HelpContent, wanted: Language): FlowListItem[] {
  return content.flows.map((flow) => listItem(flow, wanted));
}

/** Every text of a flow in every language, so that a resident finds it whatever language they type in. */
function describeFlow(content: HelpContent, flow: Flow) {
  const all = (text: Partial<Record<Language, string>>) => languages.map((language) => text[language] ?? "");
  const phenomenonLabels = flow.phenomena.flatMap((id) => {
    const phenomenon = content.phenomena.find((p) => p.id === id);
    return phenomenon ? all(phenomenon.labels) : [];
  });
  return {
    strong: [...all(flow.title), ...all(flow.keywords), ...phenomenonLabels],
    weak: [
      ...all(flow.summary),
      ...flow.questions.flatMap((question) => [...all(question.text), ...question.answers.flatMap((answer) => all(answer.label))]),
    ],
  };
}

export function searchFlows(content: HelpContent, query: string, wanted: Language): FlowListItem[] {
  return rankByQuery(content.flows, (flow) => describeFlow(content, flow), query).map((flow) => listItem(flow, wanted));
}

export function organisationView(organisation: ReferralOrganisation, language: Language): OrganisationView {
  return {
    id: organisation.id,
    name: inLanguage(organisation.name, language),
    helpsWith: inLanguage(organisation.helpsWith, language),
    hours: organisation.hours ? inLanguage(organisation.hours, language) : null,
    phones: organisation.phones.map(({ display, tel }) => ({ display, tel })),
    website: organisation.website ?? null,
    websiteLabel: organisation.website ? websiteLabel(organisation.website) : null,
    email: organisation.email ?? null,
    languages: [...organisation.languages],
  };
}

export function websiteLabel(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^www\./, "");
  return parsed.pathname === "/" ? host : `${host}${parsed.pathname.replace(/\/$/, "")}`;
}

/** How many answers it takes at least to reach each question from the start. */
function questionNumbers(flow: Flow): Map<string, number> {
  const numbers = new Map<string, number>([[flow.start, 1]]);
  const queue = [flow.start];
  while (queue.length) {
    const id = queue.shift()!;
    const question = flow.questions.find((q) => q.id === id);
    for (const answer of question?.answers ?? []) {
      if (numbers.has(answer.next)) continue;
      numbers.set(answer.next, numbers.get(id)! + 1);
      queue.push(answer.next);
    }
  }
  return numbers;
}

/** The page for one step of a flow (the start question when stepId is absent), or undefined when there is none. */
export function flowPage(content: HelpContent, flowId: string, stepId: string | undefined, wanted: Language): FlowPage | undefined {
  const flow = findFlow(content, flowId);
  if (!flow) return undefined;
  const shown = contentLanguage(flow.languages, wanted);
  const t = (text: Parameters<typeof inLanguage>[0]) => inLanguage(text, shown.language);
  const base = { flowId: flow.id, flowTitle: t(flow.title), flowLanguages: [...flow.languages], ...shown };
  const id = stepId ?? flow.start;
  const question = flow.questions.find((q) => q.id === id);
  if (question) {
    return {
      ...base,
      kind: "question",
      isStart: id === flow.start,
      number: questionNumbers(flow).get(id) ?? 1,
      summary: t(flow.summary),
      question: {
        id: question.id,
        text: t(question.text),
        hint: question.hint ? t(question.hint) : null,
        answers: question.answers.map((answer) => ({ label: t(answer.label), next: answer.next })),
      },
    };
  }
  const outcome = flow.outcomes.find((o) => o.id === id);
  if (!outcome) return undefined;
  return {
    ...base,
    kind: "outcome",
    outcome: {
      id: outcome.id,
      title: t(outcome.title),
      intro: outcome.intro ? t(outcome.intro) : null,
      steps: outcome.steps.map((step) => ({
        urgency: step.urgency,
        text: t(step.text),
        organisations: step.organisations
          .map((organisationId) => content.organisations.find((o) => o.id === organisationId))
          .filter((organisation): organisation is ReferralOrganisation => organisation !== undefined)
          .map((organisation) => organisationView(organisation, shown.language)),
      })),
    },
  };
}
