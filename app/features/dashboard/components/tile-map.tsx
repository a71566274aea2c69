import { useTranslation } from "react-i18next";
import type { MapView } from "../dashboard.server.ts";

// The map's colour classes and legend (the map itself: area-map.tsx). Classes
// differ in lightness so the map reads in greyscale; small or hidden counts
// are hatched instead of coloured.

export const classColours = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3", "#3f007d"];

export function MapLegend({ view, threshold }: { view: MapView; threshold: number }) {
  const { t, i18n } = useTranslation("dashboard");
  const n = (value: number) => value.toLocaleString(i18n.language);
  const lower = [view.measure === "per1000" ? 0 : threshold, ...view.breaks];
  return (
    <ul className="map-legend" aria-label={t("map.legend")}>
      {classColours.map((colour, i) => (
        <li key={colour}>
          {/* A class, not a style attribute: the Content-Security-Policy allows no inline styles. */}
          <span className={`map-legend__swatch heat-${i + 1}`} aria-hidden="true" />
          {i < 4 ? t("map.class", { from: n(lower[i]!), to: n(view.breaks[i]!) }) : t("map.class_top", { from: n(view.breaks[3]!) })}
        </li>
      ))}
      <li>
        <span className="map-legend__swatch map-legend__swatch--hatched" aria-hidden="true" />
        {t("map.legend_suppressed", { threshold })}
      </li>
    </ul>
  );
}
