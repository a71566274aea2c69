import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import type { Route } from "./+types/flow";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, requestInfoContext, servicesContext } from "#app/context.server.ts";
import { findFlow, flowPage, type FlowPage } from "#app/features/flows/flows.ts";
import { AmbassadorCallout, FallbackNotice, InLanguage, OutcomeSteps } from "#app/features/flows/help-components.tsx";
import { RichText } from "#app/components/ui/rich-text.tsx";
import helpStyles from "#app/features/flows/help.css?url";
import { countReferralVisit } from "#app/features/referral-reach/referral-reach.server.ts";
import { textDirection, type Language } from "#app/i18n/languages.ts";
import { useLocalizedPath, withLanguage } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

// One screen per step of a flow: /hulp/<flow> is the first question,
// /hulp/<flow>/<step> any later question or an outcome. Answers are plain
// links, so every step has its own address and works without JavaScript.

export const handle: RouteHandle = { hydrate: false, languages: "resident" };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: helpStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const services = context.get(servicesContext);
  const { language, fromUrl } = context.get(i18nContext);
  const page = flowPage(services.content, params.flowId, params.stepId, language);
  if (!page) {
    // A step that no longer exists (the flow was rewritten since someone saved or printed the
    // link) leads to the flow's first question, with the same language and share code.
    if (params.stepId && findFlow(services.content, params.flowId)) {
      const url = new URL(request.url);
      throw redirect(`/hulp/${params.flowId}${url.search}`);
    }
    throw data(null, { status: 404 });
  }
  countReferralVisit(services, request, { kind: "flow", id: page.flowId }, context.get(requestInfoContext).clientAddress);
  const url = new URL(request.url);
  const print = page.kind === "outcome" && url.searchParams.get("afdrukken") === "1";
  const address = `${context.get(requestInfoContext).origin}${fromUrl ? withLanguage(url.pathname, language) : url.pathname}`;
  return { page, print, address, language };
}

type OutcomePage = Extract<FlowPage, { kind: "outcome" }>;
type QuestionPage = Extract<FlowPage, { kind: "question" }>;

function Question({ page, language }: { page: QuestionPage; language: Language }) {
  const { t } = useTranslation("flows");
  const localized = useLocalizedPath();
  const { question } = page;
  return (
    <div className="stack">
      <PageTitle>{`${question.text} – ${page.flowTitle}`}</PageTitle>
      {page.fallback ? <FallbackNotice kind="flow" /> : null}
      <InLanguage language={page.language} page={language} className="stack">
        <p className="flow-context">
          {page.flowTitle}
          <span className="flow-context__number" lang={language} dir={textDirection(language)}>
            {t("flow.question_number", { number: page.number })}
          </span>
        </p>
        {page.isStart ? <Paragraph lead><RichText text={page.summary} /></Paragraph> : null}
        <Heading level={1} className="content-heading"><RichText text={question.text} call={false} /></Heading>
        {question.hint ? <Paragraph><RichText text={question.hint} /></Paragraph> : null}
        <ul className="answer-list">
          {question.answers.map((answer) => (
            <li key={answer.next + answer.label}>
              <a
                className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action answer"
                href={localized(`/hulp/${page.flowId}/${answer.next}`)}
              >
                <RichText text={answer.label} call={false} />
              </a>
            </li>
          ))}
        </ul>
      </InLanguage>
      <nav className="flow-nav" aria-label={t("flow.navigation")}>
        <ul>
          {page.isStart ? null : (
            <li>
              <a className="utrecht-link" href={localized(`/hulp/${page.flowId}`)}>
                {t("flow.start_over")}
              </a>
            </li>
          )}
          <li>
            <a className="utrecht-link" href={localized("/hulp")}>
              {t("flow.all_help")}
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
}

function Outcome({ page, language }: { page: OutcomePage; language: Language }) {
  const { t } = useTranslation("flows");
  const localized = useLocalizedPath();
  return (
    <div className="stack">
      <PageTitle>{`${page.outcome.title} – ${page.flowTitle}`}</PageTitle>
      {page.fallback ? <FallbackNotice kind="flow" /> : null}
      <InLanguage language={page.language} page={language} className="stack">
        <p className="flow-context">{page.flowTitle}</p>
        <Heading level={1} className="content-heading"><RichText text={page.outcome.title} call={false} /></Heading>
        {page.outcome.intro ? <Paragraph lead><RichText text={page.outcome.intro} /></Paragraph> : null}
        <Heading level={2}>{t("flow.your_steps")}</Heading>
        <OutcomeSteps steps={page.outcome.steps} language={page.language} printable={false} />
      </InLanguage>
      <Paragraph>
        <a
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          href={localized(`/hulp/${page.flowId}/${page.outcome.id}?afdrukken=1`)}
        >
          {t("flow.print")}
        </a>
      </Paragraph>
      <AmbassadorCallout />
      <nav className="flow-nav" aria-label={t("flow.navigation")}>
        <ul>
          <li>
            <a className="utrecht-link" href={localized(`/hulp/${page.flowId}`)}>
              {t("flow.start_over")}
            </a>
          </li>
          <li>
            <a className="utrecht-link" href={localized("/hulp")}>
              {t("flow.all_help")}
            </a>
          </li>
          <li>
            <a className="utrecht-link" href={localized("/tips")}>
              {t("flow.tips")}
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
}

/** The steps on their own, with numbers and addresses written out, to print or save as PDF. */
function PrintView({ page, language, address }: { page: OutcomePage; language: Language; address: string }) {
  const { t } = useTranslation("flows");
  const localized = useLocalizedPath();
  return (
    <div className="stack print-view">
      <PageTitle>{`${page.outcome.title} – ${page.flowTitle}`}</PageTitle>
      <div className="no-print stack">
        <Paragraph>{t("flow.print_intro")}</Paragraph>
        <Paragraph>
          <a className="utrecht-link" href={localized(`/hulp/${page.flowId}/${page.outcome.id}`)}>
            {t("flow.back_to_steps")}
          </a>
        </Paragraph>
      </div>
      {page.fallback ? <FallbackNotice kind="flow" /> : null}
      <InLanguage language={page.language} page={language} className="stack">
        <p className="flow-context">{page.flowTitle}</p>
        <Heading level={1} className="content-heading"><RichText text={page.outcome.title} call={false} /></Heading>
        {page.outcome.intro ? <Paragraph><RichText text={page.outcome.intro} call={false} /></Paragraph> : null}
        <OutcomeSteps steps={page.outcome.steps} language={page.language} printable />
      </InLanguage>
      <Paragraph className="muted"><RichText text={t("flow.printed_from", { address })} call={false} /></Paragraph>
      <Paragraph><RichText text={t("flow.ambassador_print")} call={false} /></Paragraph>
    </div>
  );
}

export default function FlowStep({ loaderData }: Route.ComponentProps) {
  const { page, print, address, language } = loaderData;
  if (page.kind === "question") return <Question page={page} language={language} />;
  if (print) return <PrintView page={page} language={language} address={address} />;
  return <Outcome page={page} language={language} />;
}
