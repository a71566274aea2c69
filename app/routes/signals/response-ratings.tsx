import { useTranslation } from "react-i18next";
import type { Route } from "./+types/response-ratings";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { ratingTotals } from "#app/features/signal-responses/responses.server.ts";

// "Was this helpful?" as the gemeente sees it: totals per template and
// phenomenon, never per person or signal. A row with fewer answers than the
// municipality's threshold shows "< t" and not the split; the page has no
// total across rows, so a hidden split cannot be worked out by subtraction.

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:triage");
  const { language } = context.get(i18nContext);
  const services = context.get(servicesContext);
  return { totals: await ratingTotals(services, viewer, language === "en" ? "en" : "nl"), threshold: services.municipality.suppressionThreshold };
}

export default function ResponseRatings({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("responses");
  const number = (value: number) => <bdi dir="ltr">{value.toLocaleString(i18n.language)}</bdi>;
  return (
    <div className="stack">
      <PageTitle>{t("staff.totals_title")}</PageTitle>
      <Heading level={1}>{t("staff.totals_title")}</Heading>
      <Paragraph>{t("staff.totals_intro")}</Paragraph>
      <Paragraph>{t("staff.totals_threshold", { threshold: loaderData.threshold })}</Paragraph>
      {loaderData.totals.length === 0 ? (
        <Paragraph>{t("staff.totals_empty")}</Paragraph>
      ) : (
        <div data-testid="response-ratings">
          <Table
            caption={t("staff.totals_caption")}
            head={[t("staff.col_template"), t("staff.col_phenomenon"), t("staff.col_sent"), t("staff.col_answers"), t("staff.col_helpful"), t("staff.col_not_helpful")]}
          >
            {loaderData.totals.map((row) => (
              <Row key={`${row.templateId}-${row.phenomenon}`}>
                <Cell header>{row.templateTitle}</Cell>
                <Cell>{row.phenomenonLabel}</Cell>
                <Cell numeric>{number(row.sent)}</Cell>
                {row.ratings.shown ? (
                  <>
                    <Cell numeric>{number(row.ratings.answers)}</Cell>
                    <Cell numeric>{number(row.ratings.helpful)}</Cell>
                    <Cell numeric>{number(row.ratings.notHelpful)}</Cell>
                  </>
                ) : (
                  <>
                    <Cell numeric>
                      <bdi dir="ltr">{`< ${row.ratings.threshold.toLocaleString(i18n.language)}`}</bdi>
                    </Cell>
                    <Cell numeric>{t("staff.split_hidden")}</Cell>
                    <Cell numeric>{t("staff.split_hidden")}</Cell>
                  </>
                )}
              </Row>
            ))}
          </Table>
        </div>
      )}
    </div>
  );
}
