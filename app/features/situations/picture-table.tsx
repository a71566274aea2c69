import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/calendar/format.ts";
import { Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { phenomenonLabel } from "#app/features/phenomena/phenomena.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { Picture, PictureCell, PictureRow } from "./picture.ts";

// The hourly picture as a table: urgent first, then per phenomenon, then the
// hour's total; "< t" and "×" as the protection published them.

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

export function PictureTable({ picture, threshold }: { picture: Picture; threshold: number }) {
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
          ...picture.phenomena.map((p) => phenomenonLabel(p, i18n.language as Language)),
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
