import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { MapView } from "../dashboard.server.ts";
import { shownText } from "./shown-value.tsx";

// A schematic tile map drawn by our own code (privacy rule 4: no map tiles
// from others): each wijk a tile, grouped per stadsdeel in an outlined block.
// Colour classes differ in lightness so the map reads in greyscale; small or
// hidden counts get a hatched tile with "< 5" or "×" instead of a colour.

const TILE_W = 132;
const TILE_H = 54;
const GAP = 4;
const COLUMNS = 3;
const BLOCKS_PER_ROW = 3;
const BLOCK_PAD = 8;
const LABEL_H = 20;

export const classColours = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3", "#3f007d"];

interface Block {
  id: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  tiles: { tile: MapView["tiles"][number]; x: number; y: number }[];
}

export function layoutTiles(view: Pick<MapView, "tiles" | "stadsdelen">): { blocks: Block[]; width: number; height: number } {
  const blocks: Block[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  view.stadsdelen.forEach((sd, index) => {
    if (index > 0 && index % BLOCKS_PER_ROW === 0) {
      x = 0;
      y += rowHeight + GAP * 3;
      rowHeight = 0;
    }
    const tiles = view.tiles.filter((tile) => tile.stadsdeelId === sd.id);
    const rows = Math.max(1, Math.ceil(tiles.length / COLUMNS));
    const width = COLUMNS * TILE_W + (COLUMNS - 1) * GAP + BLOCK_PAD * 2;
    const height = LABEL_H + rows * TILE_H + (rows - 1) * GAP + BLOCK_PAD * 2;
    blocks.push({
      id: sd.id,
      name: sd.name,
      x,
      y,
      width,
      height,
      tiles: tiles.map((tile, i) => ({
        tile,
        x: x + BLOCK_PAD + (i % COLUMNS) * (TILE_W + GAP),
        y: y + LABEL_H + BLOCK_PAD + Math.floor(i / COLUMNS) * (TILE_H + GAP),
      })),
    });
    x += width + GAP * 3;
    rowHeight = Math.max(rowHeight, height);
  });
  const width = Math.max(...blocks.map((b) => b.x + b.width), 0);
  const height = y + rowHeight;
  return { blocks, width, height };
}

function shorten(name: string, max = 16): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

export function TileMap({ view, title, description }: { view: MapView; title: string; description: string }) {
  const { t, i18n } = useTranslation("dashboard");
  const id = useId();
  const { blocks, width, height } = layoutTiles(view);
  const format = (tile: MapView["tiles"][number]) =>
    view.measure === "per1000" && tile.rate !== null ? tile.rate.toLocaleString(i18n.language) : shownText(tile.shown, i18n.language);
  return (
    <svg
      className="tile-map"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid="tile-map"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <defs>
        <pattern id={`${id}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#b0b0b0" strokeWidth="3" />
        </pattern>
      </defs>
      {blocks.map((block) => (
        <g key={block.id}>
          <rect x={block.x} y={block.y} width={block.width} height={block.height} fill="none" stroke="#222" strokeWidth="2" rx="6" />
          <text x={block.x + BLOCK_PAD} y={block.y + 16} fontSize="13" fontWeight="700" fill="#111">
            {block.name}
          </text>
          {block.tiles.map(({ tile, x, y }) => {
            const level = tile.level;
            const fill = level === null ? `url(#${id}-hatch)` : level === 0 ? "#ffffff" : classColours[level - 1];
            const dark = level !== null && level >= 4;
            return (
              <g key={tile.wijkId} data-wijk={tile.wijkId}>
                <title>{`${tile.name}: ${format(tile)}`}</title>
                <rect x={x} y={y} width={TILE_W} height={TILE_H} fill={fill} stroke="#555" strokeWidth="1" />
                <text x={x + 6} y={y + 18} fontSize="13" fill={dark ? "#fff" : "#111"}>
                  {shorten(tile.name)}
                </text>
                <text x={x + 6} y={y + 42} fontSize="17" fontWeight="700" fill={dark ? "#fff" : "#111"}>
                  {format(tile)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

export function MapLegend({ view, threshold }: { view: MapView; threshold: number }) {
  const { t, i18n } = useTranslation("dashboard");
  const n = (value: number) => value.toLocaleString(i18n.language);
  return (
    <ul className="map-legend" aria-label={t("map.legend")}>
      {view.classes.map((c, i) => (
        <li key={c.from}>
          {/* A class, not a style attribute: the Content-Security-Policy allows no inline styles. */}
          <span className={`map-legend__swatch heat-${i + 1}`} aria-hidden="true" />
          {c.from === c.to ? n(c.from) : t("map.class", { from: n(c.from), to: n(c.to) })}
        </li>
      ))}
      <li>
        <span className="map-legend__swatch map-legend__swatch--hatched" aria-hidden="true" />
        {t("map.legend_suppressed", { threshold })}
      </li>
    </ul>
  );
}
