import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { shortWeekLabel, signedNumber, spanLabel, type Change } from "../comparison.ts";
import type { ComparedFigure, TrendComparison } from "../dashboard.server.ts";
import { ShownValue, shownText } from "./shown-value.tsx";

// A period set against the periods of equal length before it (comparison.ts):
// which periods, in words, and a change column (absolute and %) that is only
// filled between two figures shown as numbers.

type T = (key: string, options?: Record<string, unknown>) => string;

function changeTextIn(language: string) {
  const n = (value: number) => value.toLocaleString(language);
  return (change: Change | null) =>
    change === null
      ? { absolute: "—", percent: "—" }
      : { absolute: signedNumber(change.absolute, n), percent: change.percent === null ? "—" : `${signedNumber(change.percent, n)} %` };
}

export function useChangeText(): ReturnType<typeof changeTextIn> {
  const { i18n } = useTranslation("dashboard");
  return changeTextIn(i18n.language);
}

/** The comparison in sentences that name both periods; or why there is none. */
export function comparisonSentences(comparison: TrendComparison, t: T, language: string): string[] {
  const current = spanLabel(comparison.current);
  if (!comparison.complete) return [t("comparison.in_progress", { range: current, published: shortWeekLabel(comparison.publishedWeek) })];
  const changeText = changeTextIn(language);
  const total = comparison.total;
  return [
    t("comparison.total", { range: current, count: shownText(total.shown, language) }),
    ...comparison.against.map((a, i) => {
      const figure = total.against[i]!;
      const change = changeText(figure.change);
      return t(figure.change ? `comparison.against_${a.kind}` : `comparison.against_${a.kind}_no_change`, {
        range: spanLabel(a.span),
        count: shownText(figure.shown, language),
        absolute: change.absolute,
        percent: change.percent,
      });
    }),
    ...comparison.unequal.map((u) => t("comparison.unequal", { range: current, weeks: comparison.current.weeks, other: spanLabel(u.span), otherWeeks: u.span.weeks })),
    ...comparison.unrecorded.map((u) => t("comparison.unrecorded", { other: spanLabel(u.span) })),
  ];
}

export function comparisonText(comparison: TrendComparison, t: T, language = "nl"): string {
  return comparisonSentences(comparison, t, language).join(" ");
}

export function ComparisonSummary({ comparison }: { comparison: TrendComparison }) {
  const { t, i18n } = useTranslation("dashboard");
  return (
    <div data-testid="comparison-summary" className="stack">
      {comparisonSentences(comparison, t as unknown as T, i18n.language).map((sentence) => (
        <Paragraph key={sentence}>{sentence}</Paragraph>
      ))}
    </div>
  );
}

/** The head cells of a compared table after the label column. */
export function comparisonHead(comparison: TrendComparison, t: T): string[] {
  const head = [spanLabel(comparison.current)];
  if (!comparison.complete) return head;
  for (const a of comparison.against) head.push(spanLabel(a.span), t("comparison.change_absolute"), t("comparison.change_percent"));
  return head;
}

/** The cells of one compared row, as an array so that the table labels each cell with its column. */
export function comparedCells(figure: ComparedFigure, complete: boolean, changeText: ReturnType<typeof useChangeText>): ReactElement[] {
  const cells: ReactElement[] = [
    <Cell key="shown" numeric>
      <ShownValue shown={figure.shown} />
    </Cell>,
  ];
  if (!complete) return cells;
  for (const a of figure.against) {
    const change = changeText(a.change);
    cells.push(
      <Cell key={`${a.kind}-shown`} numeric>
        <ShownValue shown={a.shown} />
      </Cell>,
      <Cell key={`${a.kind}-abs`} numeric>
        {change.absolute}
      </Cell>,
      <Cell key={`${a.kind}-pct`} numeric>
        {change.percent}
      </Cell>,
    );
  }
  return cells;
}

/** A table of compared figures, one row per label. */
export function ComparisonTable({
  caption,
  labelHead,
  comparison,
  rows,
}: {
  caption: string;
  labelHead: string;
  comparison: TrendComparison;
  rows: { id: string; label: string; figure: ComparedFigure }[];
}) {
  const { t } = useTranslation("dashboard");
  const changeText = useChangeText();
  return (
    <Table caption={caption} head={[labelHead, ...comparisonHead(comparison, t as unknown as T)]}>
      {rows.map((row) => (
        <Row key={row.id}>
          <Cell header>{row.label}</Cell>
          {comparedCells(row.figure, comparison.complete, changeText)}
        </Row>
      ))}
    </Table>
  );
}

/** The comparison as one plain text (a chart's description). */
export function useComparisonText(): (comparison: TrendComparison) => string {
  const { t, i18n } = useTranslation("dashboard");
  return (comparison) => comparisonText(comparison, t as unknown as T, i18n.language);
}
