import type { ColumnType } from "kysely";

// A municipality is the tenant: every other row belongs to exactly one.
export interface MunicipalityTable {
  id: string;
  slug: string;
  name: string;
  official_name: string;
  cbs_code: string | null;
  /** Cells with a count below this are shown as "< n" on the dashboard. */
  suppression_threshold: number;
  /** Working days to handle a signal, per urgency (app/features/signals/targets.ts). */
  signal_target_days_urgent: ColumnType<number, number | undefined, number>;
  signal_target_days_normal: ColumnType<number, number | undefined, number>;
  /** Who sees that the other side is busy with the same phenomenon in the same wijk: none, gemeente, police or both. */
  signal_wall_indicator: ColumnType<"none" | "gemeente" | "police" | "both", "none" | "gemeente" | "police" | "both" | undefined, "none" | "gemeente" | "police" | "both">;
  created_at: string;
  /** Credit line for the area data (boundaries, population), shown wherever they are used. */
  area_credit: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface StadsdeelTable {
  id: string;
  municipality_id: string;
  name: string;
  sort_order: number;
}

export interface WijkTable {
  id: string;
  municipality_id: string;
  stadsdeel_id: string;
  name: string;
  cbs_code: string | null;
  population: number | null;
  sort_order: number;
  /** CBS wijk number (e.g. 29 for WK051829): the map's key. */
  cbs_number: ColumnType<number | null, number | null | undefined, number | null>;
  /** GeoJSON geometry (WGS84) as text, from the area file. */
  boundary: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AreaTables {
  municipalities: MunicipalityTable;
  stadsdelen: StadsdeelTable;
  wijken: WijkTable;
}
