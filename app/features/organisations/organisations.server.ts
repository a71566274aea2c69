import type { AppServices } from "#app/services.server.ts";
import type { OrganisationKind } from "#db/tables/organisations.ts";

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrganisationKind;
  code: string;
  wijkId: string;
  wijkName: string;
  stadsdeelName: string;
  address: string;
  walkInHours: string;
  archivedAt: string | null;
}

export async function listOrganisations(
  services: Pick<AppServices, "db">,
  municipalityId: string,
  options: { includeArchived?: boolean } = {},
): Promise<OrganisationSummary[]> {
  let query = services.db
    .selectFrom("organisations")
    .innerJoin("wijken", "wijken.id", "organisations.wijk_id")
    .innerJoin("stadsdelen", "stadsdelen.id", "wijken.stadsdeel_id")
    .select([
      "organisations.id",
      "organisations.name",
      "organisations.kind",
      "organisations.code",
      "organisations.wijk_id",
      "organisations.address",
      "organisations.walk_in_hours",
      "organisations.archived_at",
      "wijken.name as wijk_name",
      "stadsdelen.name as stadsdeel_name",
    ])
    .where("organisations.municipality_id", "=", municipalityId)
    .orderBy("organisations.name");
  if (!options.includeArchived) query = query.where("organisations.archived_at", "is", null);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    code: row.code,
    wijkId: row.wijk_id,
    wijkName: row.wijk_name,
    stadsdeelName: row.stadsdeel_name,
    address: row.address,
    walkInHours: row.walk_in_hours,
    archivedAt: row.archived_at,
  }));
}

/** The organisation behind a share-link code (?via=<code>) in this municipality, archived ones included. */
export async function findOrganisationByCode(
  services: Pick<AppServices, "db">,
  municipalityId: string,
  code: string,
): Promise<{ id: string; name: string } | undefined> {
  return services.db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("municipality_id", "=", municipalityId)
    .where("code", "=", code)
    .executeTakeFirst();
}

/** Name and share-link code of one organisation, or undefined when it is not in this municipality. */
export async function findOrganisation(
  services: Pick<AppServices, "db">,
  municipalityId: string,
  id: string,
): Promise<{ id: string; name: string; code: string } | undefined> {
  return services.db
    .selectFrom("organisations")
    .select(["id", "name", "code"])
    .where("municipality_id", "=", municipalityId)
    .where("id", "=", id)
    .executeTakeFirst();
}
