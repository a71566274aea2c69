import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/calendar/format.ts";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import type { HourlyWarning, Picture, PictureCell, PictureRow } from "./picture.ts";

// The hourly picture as a table: urgent first, then per phenomenon, then the
// hour's total; "< t" and "×" as the protection published them. Phenomenon
// labels come from the loader (services.content), never from content bundled
// into the page.

/** Each phenomenon's label in the reader's language, by id. */
export type PhenomenonLabels = Record<string, string>;

function Shown({ cell }: { cell: PictureCell }) {
  const { t } = useTranslation("situations");
  if (cell.kind === "small") return <bdi dir="ltr">{t("picture.small", { threshold: cell.threshold })}</bdi>;
  if (cell.kind === "hidden")
    return (
      <abbr title={t("picture.hidden_label")} data-testid="picture-hidden">
        {t("picture.hidden")}
      </abbr>
    );
  return <bdi dir="ltr">{cell.value}</bdi>;
}

export function PictureTable({ picture, threshold, labels }: { picture: Picture; threshold: number; labels: PhenomenonLabels }) {
  const { t, i18n } = useTranslation("situations");
  if (picture.phenomena.length === 0) return <Paragraph>{t("picture.empty")}</Paragraph>;
  const line = (row: PictureRow, key: string, label: string) => (
    <Row key={key}>
      <Cell header>{label}</Cell>
      <Cell numeric>
        <Shown cell={row.urgent} />
      </Cell>
      <Cell numeric>
        <Shown cell={row.notUrgent} />
      </Cell>
      {row.phenomena.map((cell, p) => (
        <Cell key={p} numeric>
          <Shown cell={cell} />
        </Cell>
      ))}
      <Cell numeric>
        <Shown cell={row.total} />
      </Cell>
    </Row>
  );
  return (
    <>
      <Paragraph>{t("picture.intro", { threshold })}</Paragraph>
      <Table
        caption={t("picture.caption")}
        head={[
          t("picture.column_hour"),
          t("picture.column_urgent"),
          t("picture.column_not_urgent"),
          ...picture.phenomena.map((p) => labels[p] ?? p),
          t("picture.column_total"),
        ]}
      >
        {picture.rows.map((row) => line(row, row.hour!, formatDateTime(row.hour!, i18n.language)))}
        {line(picture.totals, "totals", t("picture.totals"))}
      </Table>
      {picture.leftOutHours > 0 ? <Paragraph className="muted">{t("picture.left_out", { count: picture.leftOutHours })}</Paragraph> : null}
    </>
  );
}

/** The early-warning statistic on the hourly baseline, with the test stated. */
export function HourlyWarnings({ warnings, labels }: { warnings: { minimumCount: number; items: HourlyWarning[] }; labels: PhenomenonLabels }) {
  const { t, i18n } = useTranslation("situations");
  return (
    <section className="stack" aria-labelledby="hourly-warnings-title" data-testid="hourly-warnings">
      <Heading level={3} id="hourly-warnings-title">
        {t("picture.warnings_title")}
      </Heading>
      {warnings.items.length === 0 ? (
        <Paragraph>{t("picture.warnings_empty")}</Paragraph>
      ) : (
        <Table caption={t("picture.warnings_caption")} head={[t("picture.warning_hour"), t("picture.warning_phenomenon"), t("picture.warning_count"), t("picture.warning_explanation")]}>
          {warnings.items.map((item) => (
            <Row key={`${item.hour}-${item.phenomenon ?? "all"}`}>
              <Cell>{formatDateTime(item.hour, i18n.language)}</Cell>
              <Cell>{item.phenomenon ? (labels[item.phenomenon] ?? item.phenomenon) : t("picture.all_phenomena")}</Cell>
              <Cell numeric>
                <bdi dir="ltr">{item.count}</bdi>
              </Cell>
              <Cell>
                {t("picture.warning_explain", {
                  count: item.count,
                  baseline: item.baseline.lessThanOne ? t("picture.baseline_less_than_one") : t("picture.baseline_about", { perHour: item.baseline.perWeek }),
                  rarity: item.rarity.toLocaleString(i18n.language),
                })}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      <Paragraph className="muted">{t("picture.warnings_method", { minimum: warnings.minimumCount })}</Paragraph>
    </section>
  );
}
