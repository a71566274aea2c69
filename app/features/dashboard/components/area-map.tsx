import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { MapView } from "../dashboard.server.ts";
import type { MapShapes } from "../map-shapes.server.ts";
import { shownText } from "./shown-value.tsx";
import { classColours } from "./tile-map.tsx";

// The dashboard's map: the wijken drawn from their CBS boundaries (projected
// on the server, app/features/areas/map-geometry.ts), stadsdeel outlines on
// top, the CBS wijk numbers as labels where they fit. Every wijk is a link
// (keyboard focus, works without JavaScript) to the dashboard for that wijk,
// named with its figure for screen readers; the table beside the map holds
// the same figures. Colours come from the shown figures only; hidden and small
// counts are hatched.

type Tile = MapView["tiles"][number];

/** Whether a wijk has a shown count but no residents to divide by. */
export function withoutRate(view: Pick<MapView, "measure">, tile: Tile): boolean {
  return view.measure === "per1000" && tile.shown.kind === "count" && tile.rate === null;
}

export function AreaMap({
  shapes,
  view,
  query,
  title,
  description,
  stadsdeelNames,
}: {
  shapes: MapShapes & { map: NonNullable<MapShapes["map"]> };
  view: MapView;
  /** The dashboard's filters as a query string, kept in the wijk links. */
  query: string;
  title: string;
  description: string;
  stadsdeelNames: Record<string, string>;
}) {
  const { t, i18n } = useTranslation("dashboard");
  const id = useId();
  const { map } = shapes;
  const tiles = new Map(view.tiles.map((tile) => [tile.wijkId, tile]));
  const n = (value: number) => value.toLocaleString(i18n.language);
  const hrefFor = (wijkId: string) => {
    const params = new URLSearchParams(query);
    params.set("gebied", wijkId);
    return `?${params.toString()}`;
  };
  const describe = (tile: Tile, number: string) => {
    const parts = {
      number,
      name: tile.name,
      stadsdeel: stadsdeelNames[tile.stadsdeelId] ?? "",
      value: shownText(tile.shown, i18n.language),
    };
    if (view.measure !== "per1000") return t("area_map.wijk_label", parts);
    if (tile.rate !== null) return t("area_map.wijk_label_rate", { ...parts, rate: n(tile.rate) });
    if (tile.shown.kind === "count") return t("area_map.wijk_label_no_residents", parts);
    return t("area_map.wijk_label", parts);
  };
  return (
    <svg
      className="area-map"
      viewBox={`0 0 ${map.width} ${map.height}`}
      role="group"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid="area-map"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <defs>
        <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" strokeWidth="2" />
        </pattern>
        <pattern id={`${id}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill="#eeeeee" />
          <circle cx="2.5" cy="2.5" r="0.9" fill="#777777" />
        </pattern>
      </defs>
      <g className="area-map__wijken">
        {map.wijken.map((shape) => {
          const tile = tiles.get(shape.id);
          if (!tile) return null;
          const fill = withoutRate(view, tile)
            ? `url(#${id}-dots)`
            : tile.level === null
              ? `url(#${id}-hatch)`
              : tile.level === 0
                ? "#ffffff"
                : classColours[tile.level - 1];
          const label = describe(tile, tile.number === null ? "" : String(tile.number));
          return (
            <a key={shape.id} href={hrefFor(shape.id)} aria-label={label} data-wijk={shape.id} className="area-map__wijk">
              <title>{label}</title>
              <path
                d={shape.path}
                fill={fill}
                fillRule="evenodd"
                stroke={shapes.focus === shape.id ? "#000000" : "#666666"}
                strokeWidth={shapes.focus === shape.id ? 2.5 : 0.6}
                strokeLinejoin="round"
              />
            </a>
          );
        })}
      </g>
      <g className="area-map__stadsdelen" aria-hidden="true">
        {map.stadsdelen.map((sd) => (
          <path key={sd.id} d={sd.path} fill="none" stroke="#111111" strokeWidth="1.8" strokeLinejoin="round" strokeLinecap="round" data-stadsdeel={sd.id} />
        ))}
      </g>
      <g className="area-map__labels" aria-hidden="true">
        {map.wijken.map((shape) => {
          if (!shape.label) return null;
          const tile = tiles.get(shape.id);
          const dark = tile?.level !== null && tile?.level !== undefined && tile.level >= 4 && !withoutRate(view, tile);
          return (
            <text
              key={shape.id}
              x={shape.label.x}
              y={shape.label.y}
              fontSize={map.fontSize}
              fontWeight="700"
              textAnchor="middle"
              dominantBaseline="central"
              fill={dark ? "#ffffff" : "#111111"}
              stroke={dark ? "#111111" : "#ffffff"}
              strokeWidth="2.5"
              paintOrder="stroke"
              data-label={shape.id}
            >
              {shape.label.text}
            </text>
          );
        })}
      </g>
    </svg>
  );
}
