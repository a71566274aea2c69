import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import type { AppServices, MunicipalityInfo } from "#app/services.server.ts";
import { defaultSignalTargets } from "#app/features/signals/targets.ts";
import type { Clock } from "#app/clock.ts";
import type { Database } from "#db/schema.ts";
import { areaFileSchema, stadsdeelId, wijkId, type AreaFile } from "./area-file.ts";

export interface Wijk {
  id: string;
  name: string;
  stadsdeelId: string;
  population: number | null;
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
      .select(["id", "name", "stadsdeel_id", "population"])
      .where("municipality_id", "=", municipalityId)
      .orderBy("sort_order")
      .execute(),
  ]);
  return stadsdelen.map((sd) => ({
    id: sd.id,
    name: sd.name,
    wijken: wijken
      .filter((w) => w.stadsdeel_id === sd.id)
      .map((w) => ({ id: w.id, name: w.name, stadsdeelId: w.stadsdeel_id, population: w.population })),
  }));
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
 * is missing. Safe to run on every start; never deletes an area that signals
 * may refer to.
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
        created_at: clock.now().toISOString(),
      };
      await trx.insertInto("municipalities").values(row).execute();
    }
    const existingStadsdelen = new Set(
      (await trx.selectFrom("stadsdelen").select("id").where("municipality_id", "=", row.id).execute()).map((r) => r.id),
    );
    const existingWijken = new Set(
      (await trx.selectFrom("wijken").select("id").where("municipality_id", "=", row.id).execute()).map((r) => r.id),
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
        if (existingWijken.has(id)) continue;
        await trx
          .insertInto("wijken")
          .values({
            id,
            municipality_id: row.id,
            stadsdeel_id: sdId,
            name: wijk.name,
            cbs_code: wijk.cbs,
            population: wijk.population ?? null,
            sort_order: wijkOrder,
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
