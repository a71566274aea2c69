import { useTranslation } from "react-i18next";
import type { Route } from "./+types/results";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { trainingResultsPage } from "#app/features/training/views.server.ts";

// Which questions ambassadors often miss, per module: for improving the
// lessons and the meetings, never to rank or single out anyone.

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "training:results");
  return trainingResultsPage(context.get(servicesContext), viewer.municipalityId, context.get(i18nContext).language);
}

export default function TrainingResults({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("training");
  const count = (figure: { value: number | null; belowThreshold: boolean }) =>
    figure.belowThreshold ? t("staff.below_threshold", { threshold: loaderData.threshold }) : String(figure.value);
  return (
    <div className="stack">
      <PageTitle>{t("staff.results_title")}</PageTitle>
      <Heading level={1}>{t("staff.results_title")}</Heading>
      <Paragraph>{t("staff.results_intro", { threshold: loaderData.threshold })}</Paragraph>
      {loaderData.modules.map((module) => (
        <section key={module.id} className="stack" aria-labelledby={`results-${module.id}`} data-testid={`results-${module.id}`}>
          <Heading level={2} id={`results-${module.id}`}>
            {module.title}
          </Heading>
          <Paragraph>{t("staff.finished", { finished: count(module.finished), passed: count(module.passed) })}</Paragraph>
          <Table
            caption={t("staff.caption", { module: module.title })}
            head={[t("staff.question"), t("staff.answered"), t("staff.missed"), t("staff.common_wrong")]}
          >
            {module.questions.map((question) => (
              <Row key={question.id}>
                <Cell header>{question.text}</Cell>
                <Cell>{count(question.answered)}</Cell>
                <Cell>{count(question.missed)}</Cell>
                <Cell>{question.commonWrong ?? t("staff.none")}</Cell>
              </Row>
            ))}
          </Table>
        </section>
      ))}
    </div>
  );
}
