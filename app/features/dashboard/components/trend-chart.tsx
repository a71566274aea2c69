import { useId } from "react";
import { useTranslation } from "react-i18next";
import { splitIsoWeek } from "#app/calendar/iso-week.ts";
import type { Shown } from "#app/features/publication/shown.ts";
import { niceTicks } from "../axis.ts";
import { spanLabel } from "../comparison.ts";
import type { TrendView } from "../dashboard.server.ts";

// A server-rendered line chart: this period solid with round markers, the
// period before dashed with square markers (readable in greyscale). A week
// whose count is not shown gets a grey band from 0 to the threshold instead
// of a point, so the chart never places a small number. A legend under the
// chart names both lines and, only when there is one, the grey band; the
// value axis is ticked on round numbers (axis.ts).

const W = 720;
const H = 260;
const M = { top: 16, right: 16, bottom: 36, left: 44 };

function value(shown: Shown | null): number | null {
  return shown && shown.kind === "count" ? shown.value : null;
}

export function TrendChart({ view, threshold, title, description }: { view: Pick<TrendView, "points" | "spans">; threshold: number; title: string; description: string }) {
  const { t } = useTranslation("dashboard");
  const id = useId();
  const points = view.points;
  const ticks = niceTicks(Math.max(threshold, ...points.flatMap((p) => [value(p.current) ?? 0, value(p.previous) ?? 0])));
  const max = ticks[ticks.length - 1]!;
  const hasBand = points.some((p) => p.current.kind === "suppressed" || p.current.kind === "hidden");
  const hasPrevious = points.some((p) => value(p.previous) !== null);
  const slots = Math.max(points.length, 13);
  const x = (i: number) => M.left + ((W - M.left - M.right) * (i + 0.5)) / slots;
  const y = (v: number) => H - M.bottom - ((H - M.top - M.bottom) * v) / max;
  const path = (series: (number | null)[]) => {
    let d = "";
    let open = false;
    series.forEach((v, i) => {
      if (v === null) {
        open = false;
        return;
      }
      d += `${open ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      open = true;
    });
    return d.trim();
  };
  const current = points.map((p) => value(p.current));
  const previous = points.map((p) => value(p.previous));
  const band = (W - M.left - M.right) / slots / 2.5;
  return (
    <figure className="trend-figure">
    <svg className="trend-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid="trend-chart">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} stroke="#ddd" />
          <text x={M.left - 6} y={y(tick) + 4} fontSize="11" textAnchor="end" fill="#333">
            {tick}
          </text>
        </g>
      ))}
      {points.map((p, i) =>
        p.current.kind === "suppressed" || p.current.kind === "hidden" ? (
          <rect key={`band-${p.week}`} x={x(i) - band / 2} y={y(threshold)} width={band} height={y(0) - y(threshold)} fill="#c8c8c8">
            <title>{`${p.week}: ${p.current.kind === "suppressed" ? `< ${p.current.below}` : "×"}`}</title>
          </rect>
        ) : null,
      )}
      <path d={path(previous)} fill="none" stroke="#555" strokeWidth="2" strokeDasharray="6 4" />
      <path d={path(current)} fill="none" stroke="#3f007d" strokeWidth="2.5" />
      {points.map((p, i) => (
        <g key={p.week}>
          {previous[i] !== null && previous[i] !== undefined ? (
            <rect x={x(i) - 3.5} y={y(previous[i]!) - 3.5} width="7" height="7" fill="#fff" stroke="#555" strokeWidth="1.5">
              <title>{`${p.previousWeek}: ${previous[i]}`}</title>
            </rect>
          ) : null}
          {current[i] !== null ? (
            <circle cx={x(i)} cy={y(current[i]!)} r="4" fill="#3f007d">
              <title>{`${p.week}: ${current[i]}`}</title>
            </circle>
          ) : null}
          {i % Math.ceil(points.length / 13) === 0 ? (
            <text x={x(i)} y={H - M.bottom + 16} fontSize="11" textAnchor="middle" fill="#333">
              {`W${splitIsoWeek(p.week).week}`}
            </text>
          ) : null}
        </g>
      ))}
      <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} stroke="#333" />
    </svg>
      <figcaption>
        <ul className="trend-legend" aria-label={t("map.legend")} data-testid="trend-legend">
          <li>
            <svg width="36" height="12" aria-hidden="true" focusable="false">
              <line x1="2" x2="34" y1="6" y2="6" stroke="#3f007d" strokeWidth="2.5" />
              <circle cx="18" cy="6" r="4" fill="#3f007d" />
            </svg>
            {t("comparison.legend_current", { range: spanLabel(view.spans.current) })}
          </li>
          {hasPrevious ? (
            <li>
              <svg width="36" height="12" aria-hidden="true" focusable="false">
                <line x1="2" x2="34" y1="6" y2="6" stroke="#555" strokeWidth="2" strokeDasharray="6 4" />
                <rect x="14.5" y="2.5" width="7" height="7" fill="#fff" stroke="#555" strokeWidth="1.5" />
              </svg>
              {t("comparison.legend_previous", { range: spanLabel(view.spans.previous) })}
            </li>
          ) : null}
          {hasBand ? (
            <li>
              <svg width="36" height="12" aria-hidden="true" focusable="false">
                <rect x="14" y="0" width="8" height="12" fill="#c8c8c8" />
              </svg>
              {t("comparison.legend_band", { threshold })}
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}
