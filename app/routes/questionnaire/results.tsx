import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/results";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { questionnaireResults } from "#app/features/questionnaire/questionnaire.server.ts";
import { resultsQuerySchema } from "#app/features/questionnaire/schemas.ts";

// The questionnaire's results for coordinators and researchers: after it
// closed, for everyone or one group, only for groups of at least the
// threshold. A group that is too small is refused with a message saying why.

export async function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "questionnaire:results");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const query = resultsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const results = await questionnaireResults(services, language, query.groep || undefined);
  const status = results.outcome.kind === "unknown_group" ? 404 : results.outcome.kind === "too_small" || results.outcome.kind === "other_group_too_small" ? 422 : 200;
  return data(results, { status });
}

export default function QuestionnaireResultsPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("programme");
  const results = loaderData;
  const outcome = results.outcome;
  const groupLabel = results.groups.find((group) => group.id === results.group)?.label;
  return (
    <div className="stack">
      <PageTitle>{`${t("questionnaire_staff.results_title")} · ${results.title}`}</PageTitle>
      <Heading level={1}>{t("questionnaire_staff.results_title")}</Heading>
      <Paragraph>{t("questionnaire_staff.results_intro", { title: results.title, threshold: results.threshold })}</Paragraph>
      {results.groupQuestion ? (
        <nav aria-label={t("questionnaire_staff.groups_label")}>
          <Paragraph>{t("questionnaire_staff.groups_intro", { question: results.groupQuestion })}</Paragraph>
          <ul className="utrecht-unordered-list">
            <li className="utrecht-unordered-list__item">
              <Link className="utrecht-link" to="/beheer/vragenlijst" aria-current={results.group === null ? "page" : undefined}>
                {t("questionnaire_staff.everyone")}
              </Link>
            </li>
            {results.groups.map((group) => (
              <li key={group.id} className="utrecht-unordered-list__item">
                <Link className="utrecht-link" to={`/beheer/vragenlijst?groep=${encodeURIComponent(group.id)}`} aria-current={results.group === group.id ? "page" : undefined}>
                  {group.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <Heading level={2}>{groupLabel ?? t("questionnaire_staff.everyone")}</Heading>
      {outcome.kind === "unknown_group" ? <Alert kind="error">{t("questionnaire_staff.unknown_group")}</Alert> : null}
      {outcome.kind === "not_closed" ? <Alert kind="info">{t("questionnaire_staff.not_closed", { date: outcome.closes })}</Alert> : null}
      {outcome.kind === "too_small" ? (
        <Alert kind="warning">
          <span data-testid="refused">{t("questionnaire_staff.too_small", { threshold: outcome.threshold })}</span>
        </Alert>
      ) : null}
      {outcome.kind === "other_group_too_small" ? (
        <Alert kind="warning">
          <span data-testid="refused">{t("questionnaire_staff.other_group_too_small", { threshold: outcome.threshold })}</span>
        </Alert>
      ) : null}
      {outcome.kind === "shown" ? (
        <>
          <Paragraph data-testid="respondents">{t("questionnaire_staff.respondents", { count: outcome.respondents })}</Paragraph>
          {outcome.questions.map((question) => (
            <Table key={question.id} caption={question.text} head={[t("questionnaire_staff.answer"), t("questionnaire_staff.answers"), t("questionnaire_staff.percent")]}>
              {question.options.map((option) => (
                <Row key={option.id}>
                  <Cell header>{option.label}</Cell>
                  <Cell>{String(option.answers)}</Cell>
                  <Cell>{`${option.percent}%`}</Cell>
                </Row>
              ))}
            </Table>
          ))}
        </>
      ) : null}
    </div>
  );
}
