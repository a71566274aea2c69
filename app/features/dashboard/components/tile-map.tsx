import { useTranslation } from "react-i18next";
import type { MapView } from "../dashboard.server.ts";

// The map's colour classes and legend (the map itself: area-map.tsx). Classes
// differ in lightness so the map reads in greyscale; small or hidden counts
// are hatched instead of coloured.

export const classColours = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3", "#3f007d"];

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
