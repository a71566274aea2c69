import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import type { AppServices, MunicipalityInfo } from "#app/services.server.ts";
import { defaultSignalTargets } from "#app/features/signals/targets.ts";
import type { Clock } from "#app/clock.ts";
import type { Database } from "#db/schema.ts";
import { areaFileSchema, boundarySchema, stadsdeelId, wijkId, type AreaFile, type Boundary } from "./area-file.ts";

export interface Wijk {
  id: string;
  name: string;
  stadsdeelId: string;
  /** Residents (CBS); null when unknown, 0 where nobody lives. */
  population: number | null;
  cbsCode: string | null;
  /** The CBS wijk number, the map's key. */
  number: number | null;
}

export interface Stadsdeel {
  id: string;
  name: string;
  wijken: Wijk[];
}

export async function listAreas(services: Pick<AppServices, "db">, municipalityId: string): Promise<Stadsdeel[]> {
  const [stadsdelen, wijken] = await Promise.all([
    services.db
      .selectFrom("stadsdelen")
      .select(["id", "name"])
      .where("municipality_id", "=", municipalityId)
      .orderBy("sort_order")
      .execute(),
    services.db
      .selectFrom("wijken")
      .select(["id", "name", "stadsdeel_id", "population", "cbs_code", "cbs_number"])
      .where("municipality_id", "=", municipalityId)
      .orderBy("sort_order")
      .execute(),
  ]);
  return stadsdelen.map((sd) => ({
    id: sd.id,
    name: sd.name,
    wijken: wijken
      .filter((w) => w.stadsdeel_id === sd.id)
      .map((w) => ({
        id: w.id,
        name: w.name,
        stadsdeelId: w.stadsdeel_id,
        population: w.population,
        cbsCode: w.cbs_code,
        number: w.cbs_number,
      })),
  }));
}

export interface AreaBoundaries {
  /** Boundary per wijk id; a wijk without one is missing. */
  wijken: Map<string, Boundary>;
  /** The credit line the area data must be shown with, if the area file gives one. */
  credit: string | null;
}

/** Boundaries parsed once per stored text (they change only when the area file does). */
const parsedBoundaries = new Map<string, Boundary | null>();

function parseBoundary(text: string): Boundary | null {
  let parsed = parsedBoundaries.get(text);
  if (parsed === undefined) {
    const result = boundarySchema.safeParse(JSON.parse(text));
    parsed = result.success ? result.data : null;
    parsedBoundaries.set(text, parsed);
    if (parsedBoundaries.size > 1000) parsedBoundaries.delete(parsedBoundaries.keys().next().value!);
  }
  return parsed;
}

/** The wijken's boundaries (GeoJSON, WGS84) as the area file gave them. */
export async function listBoundaries(services: Pick<AppServices, "db">, municipalityId: string): Promise<AreaBoundaries> {
  const [rows, municipality] = await Promise.all([
    services.db.selectFrom("wijken").select(["id", "boundary"]).where("municipality_id", "=", municipalityId).where("boundary", "is not", null).execute(),
    services.db.selectFrom("municipalities").select("area_credit").where("id", "=", municipalityId).executeTakeFirst(),
  ]);
  const wijken = new Map<string, Boundary>();
  for (const row of rows) {
    const parsed = parseBoundary(row.boundary!);
    if (parsed) wijken.set(row.id, parsed);
  }
  return { wijken, credit: municipality?.area_credit ?? null };
}

export function areaFilePath(contentDir: string, slug: string): string {
  return path.join(contentDir, "areas", `${slug}.json`);
}

export async function readAreaFile(contentDir: string, slug: string): Promise<AreaFile> {
  const file = areaFilePath(contentDir, slug);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = areaFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Creates the municipality and its areas from its content file, or adds what
 * is missing and brings each wijk's name, CBS code and number, population and
 * boundary up to date. Safe to run on every start; never deletes an area that
 * signals may refer to, nor moves a wijk to another stadsdeel (that would
 * change published figures).
 */
export async function ensureMunicipality(
  db: Kysely<Database>,
  clock: Clock,
  areaFile: AreaFile,
): Promise<MunicipalityInfo> {
  const { municipality } = areaFile;
  return db.transaction().execute(async (trx) => {
    let row = await trx.selectFrom("municipalities").selectAll().where("slug", "=", municipality.slug).executeTakeFirst();
    if (!row) {
      row = {
        id: municipality.slug,
        slug: municipality.slug,
        name: municipality.name,
        official_name: municipality.officialName,
        cbs_code: municipality.cbsCode,
        suppression_threshold: 5,
        signal_target_days_urgent: defaultSignalTargets.urgent,
        signal_target_days_normal: defaultSignalTargets.normal,
        signal_wall_indicator: "both",
        created_at: clock.now().toISOString(),
        area_credit: areaFile.credit ?? null,
      };
      await trx.insertInto("municipalities").values(row).execute();
    } else if ((row.area_credit ?? null) !== (areaFile.credit ?? null)) {
      await trx.updateTable("municipalities").set({ area_credit: areaFile.credit ?? null }).where("id", "=", row.id).execute();
    }
    const existingStadsdelen = new Set(
      (await trx.selectFrom("stadsdelen").select("id").where("municipality_id", "=", row.id).execute()).map((r) => r.id),
    );
    const existingWijken = new Map(
      (
        await trx
          .selectFrom("wijken")
          .select(["id", "name", "cbs_code", "cbs_number", "population", "boundary", "sort_order"])
          .where("municipality_id", "=", row.id)
          .execute()
      ).map((r) => [r.id, r] as const),
    );
    let wijkOrder = 0;
    for (const [index, stadsdeel] of areaFile.stadsdelen.entries()) {
      const sdId = stadsdeelId(municipality.slug, stadsdeel.name);
      if (!existingStadsdelen.has(sdId)) {
        await trx
          .insertInto("stadsdelen")
          .values({ id: sdId, municipality_id: row.id, name: stadsdeel.name, sort_order: index })
          .execute();
      }
      for (const wijk of stadsdeel.wijken) {
        const id = wijkId(municipality.slug, wijk.name);
        wijkOrder += 1;
        // What the area file says about a wijk besides its place: kept up to date on every start.
        const described = {
          name: wijk.name,
          cbs_code: wijk.cbs,
          cbs_number: wijk.number ?? null,
          population: wijk.population ?? null,
          boundary: wijk.boundary ? JSON.stringify(wijk.boundary) : null,
          sort_order: wijkOrder,
        };
        const existing = existingWijken.get(id);
        if (existing) {
          const changed = (Object.keys(described) as (keyof typeof described)[]).some((key) => (existing[key] ?? null) !== described[key]);
          if (changed) await trx.updateTable("wijken").set(described).where("id", "=", id).execute();
          continue;
        }
        await trx
          .insertInto("wijken")
          .values({
            id,
            municipality_id: row.id,
            stadsdeel_id: sdId,
            ...described,
          })
          .execute();
      }
    }
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      suppressionThreshold: row.suppression_threshold,
      coordinatorContact: { email: municipality.coordinatorContact?.email ?? null, phone: municipality.coordinatorContact?.phone ?? null },
      privacyOfficer: { email: municipality.privacyOfficer?.email ?? null, url: municipality.privacyOfficer?.url ?? null },
      showCertifiedPublicly: municipality.showCertifiedPublicly ?? false,
    };
  });
}

/** A wijk by id in any municipality, so that callers can tell an unknown wijk from another municipality's. */
export async function findWijk(
  services: Pick<AppServices, "db">,
  id: string,
): Promise<{ id: string; name: string; municipalityId: string } | null> {
  const row = await services.db.selectFrom("wijken").select(["id", "name", "municipality_id"]).where("id", "=", id).executeTakeFirst();
  return row ? { id: row.id, name: row.name, municipalityId: row.municipality_id } : null;
}
