import { useTranslation } from "react-i18next";
import type { Route } from "./+types/index";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { figureText } from "#app/features/programme/protected-figures.server.ts";
import { PERIOD_TOTAL, programmeRows } from "#app/features/programme/programme.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "programme:view");
  const services = context.get(servicesContext);
  const rows = await programmeRows(services, viewer.municipalityId);
  return {
    threshold: services.municipality.suppressionThreshold,
    // The period's totals, then the newest month first (stadsdelen in their own order, then the city); the figures already passed the protection, as text.
    rows: [...rows].sort((a, b) => (a.month === PERIOD_TOTAL ? -1 : 0) - (b.month === PERIOD_TOTAL ? -1 : 0) || b.month.localeCompare(a.month)).map((row) => ({
      month: row.month === PERIOD_TOTAL ? null : row.month,
      city: row.kind === "city",
      stadsdeel: row.stadsdeel,
      cells: [row.organisations, row.ambassadors, row.certified, row.signals, row.responded, row.responseMedianHours, row.responseP90Hours, row.warnings].map(figureText),
    })),
  };
}

export default function Programme({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("programme");
  return (
    <div className="stack">
      <PageTitle>{t("page.title")}</PageTitle>
      <Heading level={1}>{t("page.title")}</Heading>
      <Paragraph>{t("page.intro", { threshold: loaderData.threshold })}</Paragraph>
      <Heading level={2}>{t("page.export_heading")}</Heading>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">
          <a className="utrecht-link" href="/beheer/programma/export?formaat=xlsx" download>
            {t("page.export_xlsx")}
          </a>
        </li>
        <li className="utrecht-unordered-list__item">
          <a className="utrecht-link" href="/beheer/programma/export?formaat=csv" download>
            {t("page.export_csv")}
          </a>
        </li>
        <li className="utrecht-unordered-list__item">
          <a className="utrecht-link" href="/beheer/programma/export?formaat=bereik" download>
            {t("page.export_reach")}
          </a>
        </li>
        <li className="utrecht-unordered-list__item">
          <a className="utrecht-link" href="/beheer/programma/export?formaat=codeboek" download>
            {t("page.export_codebook")}
          </a>
        </li>
      </ul>
      <Table
        caption={t("page.caption")}
        head={[t("page.month"), t("page.stadsdeel"), t("page.organisations"), t("page.ambassadors"), t("page.certified"), t("page.signals"), t("page.responded"), t("page.median"), t("page.p90"), t("page.warnings")]}
      >
        {loaderData.rows.map((row) => (
          <Row key={`${row.month}-${row.stadsdeel}-${row.city}`}>
            <Cell header>{row.month ?? t("page.period_total")}</Cell>
            <Cell>{row.city ? <strong>{row.stadsdeel}</strong> : row.stadsdeel}</Cell>
            {row.cells.map((cell, index) => (
              <Cell key={index}>{cell || t("page.none")}</Cell>
            ))}
          </Row>
        ))}
      </Table>
    </div>
  );
}
