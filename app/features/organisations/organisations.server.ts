import { randomUUID } from "node:crypto";
import type { AppServices } from "#app/services.server.ts";
import { slugify } from "#app/features/areas/area-file.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { revokeOpenInvitationsOfOrganisation } from "#app/features/auth/invitations.server.ts";
import { endSessionsOfOrganisation } from "#app/features/auth/users.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { OrganisationKind } from "#db/tables/organisations.ts";
import { parseLanguages, serialiseLanguages, type SpokenLanguage } from "./languages.ts";
import { ORGANISATION_CODE_PATTERN, type NewOrganisationInput, type OrganisationInput } from "./schemas.ts";

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrganisationKind;
  code: string;
  wijkId: string;
  wijkName: string;
  stadsdeelId: string;
  stadsdeelName: string;
  address: string;
  walkInHours: string;
  phone: string;
  languages: SpokenLanguage[];
  description: string;
  createdAt: string;
  archivedAt: string | null;
}

function baseQuery(services: Pick<AppServices, "db">, municipalityId: string) {
  return services.db
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
      "organisations.phone",
      "organisations.languages",
      "organisations.description",
      "organisations.created_at",
      "organisations.archived_at",
      "wijken.name as wijk_name",
      "stadsdelen.id as stadsdeel_id",
      "stadsdelen.name as stadsdeel_name",
    ])
    .where("organisations.municipality_id", "=", municipalityId);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

function toSummary(row: Row): OrganisationSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    code: row.code,
    wijkId: row.wijk_id,
    wijkName: row.wijk_name,
    stadsdeelId: row.stadsdeel_id,
    stadsdeelName: row.stadsdeel_name,
    address: row.address,
    walkInHours: row.walk_in_hours,
    phone: row.phone,
    languages: parseLanguages(row.languages),
    description: row.description,
    createdAt: row.created_at,
    archivedAt: row.archived_at,
  };
}

export async function listOrganisations(
  services: Pick<AppServices, "db">,
  municipalityId: string,
  options: { includeArchived?: boolean } = {},
): Promise<OrganisationSummary[]> {
  let query = baseQuery(services, municipalityId).orderBy("organisations.name");
  if (!options.includeArchived) query = query.where("organisations.archived_at", "is", null);
  return (await query.execute()).map(toSummary);
}

export async function getOrganisation(
  services: Pick<AppServices, "db">,
  municipalityId: string,
  organisationId: string,
): Promise<OrganisationSummary | null> {
  const row = await baseQuery(services, municipalityId).where("organisations.id", "=", organisationId).executeTakeFirst();
  return row ? toSummary(row) : null;
}

export type OrganisationError = "unknown_wijk" | "code_taken" | "not_found";

type Services = Pick<AppServices, "db" | "clock">;

async function wijkBelongsTo(services: Pick<AppServices, "db">, municipalityId: string, wijkId: string): Promise<boolean> {
  const areas = await listAreas(services, municipalityId);
  return areas.some((stadsdeel) => stadsdeel.wijken.some((wijk) => wijk.id === wijkId));
}

async function codeTaken(services: Pick<AppServices, "db">, code: string): Promise<boolean> {
  return Boolean(await services.db.selectFrom("organisations").select("id").where("code", "=", code).executeTakeFirst());
}

/** A free code derived from the name: "Bibliotheek Moerwijk" → "bibliotheek-moerwijk", then "-2", "-3"… */
async function freeCode(services: Pick<AppServices, "db">, name: string): Promise<string> {
  const base = slugify(name).slice(0, 34).replace(/-+$/, "") || "organisatie";
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (ORGANISATION_CODE_PATTERN.test(candidate) && !(await codeTaken(services, candidate))) return candidate;
  }
}

export async function createOrganisation(
  services: Services,
  actor: Viewer,
  input: NewOrganisationInput,
): Promise<{ ok: true; id: string; code: string } | { ok: false; error: OrganisationError }> {
  if (!(await wijkBelongsTo(services, actor.municipalityId, input.wijkId))) return { ok: false, error: "unknown_wijk" };
  let code = input.via;
  if (code && (await codeTaken(services, code))) return { ok: false, error: "code_taken" };
  code ||= await freeCode(services, input.name);
  const id = randomUUID();
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("organisations")
      .values({
        id,
        municipality_id: actor.municipalityId,
        name: input.name,
        kind: input.kind,
        wijk_id: input.wijkId,
        address: input.address,
        walk_in_hours: input.walkInHours,
        phone: input.phone,
        languages: serialiseLanguages(input.languages),
        description: input.description,
        code,
        created_at: services.clock.now().toISOString(),
        archived_at: null,
      })
      .execute();
    await recordAudit({ db: trx, clock: services.clock }, { actor, action: "organisation.created", target: { type: "organisation", id } });
  });
  return { ok: true, id, code };
}

/** Everything but the code: share links and QR codes already printed carry it. */
export async function updateOrganisation(
  services: Services,
  actor: Viewer,
  organisationId: string,
  input: OrganisationInput,
): Promise<{ ok: true } | { ok: false; error: OrganisationError }> {
  if (!(await wijkBelongsTo(services, actor.municipalityId, input.wijkId))) return { ok: false, error: "unknown_wijk" };
  return services.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("organisations")
      .set({
        name: input.name,
        kind: input.kind,
        wijk_id: input.wijkId,
        address: input.address,
        walk_in_hours: input.walkInHours,
        phone: input.phone,
        languages: serialiseLanguages(input.languages),
        description: input.description,
      })
      .where("id", "=", organisationId)
      .where("municipality_id", "=", actor.municipalityId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false as const, error: "not_found" as const };
    await recordAudit(
      { db: trx, clock: services.clock },
      { actor, action: "organisation.updated", target: { type: "organisation", id: organisationId } },
    );
    return { ok: true as const };
  });
}

/**
 * Archiving keeps the organisation and everything that refers to it (signals,
 * reach counts), takes it off public pages, ends its ambassadors' sessions and
 * stops its open invitations. Reopening lets its ambassadors log in again.
 */
export async function setOrganisationArchived(
  services: Services,
  actor: Viewer,
  organisationId: string,
  archived: boolean,
): Promise<{ ok: true; changed: boolean } | { ok: false; error: "not_found" }> {
  const organisation = await getOrganisation(services, actor.municipalityId, organisationId);
  if (!organisation) return { ok: false, error: "not_found" };
  if ((organisation.archivedAt !== null) === archived) return { ok: true, changed: false };
  await services.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("organisations")
      .set({ archived_at: archived ? services.clock.now().toISOString() : null })
      .where("id", "=", organisationId)
      .execute();
    let details = {};
    if (archived) {
      const sessionsEnded = await endSessionsOfOrganisation({ db: trx }, organisationId);
      const invitationsRevoked = await revokeOpenInvitationsOfOrganisation({ db: trx, clock: services.clock }, organisationId);
      details = { sessionsEnded, invitationsRevoked };
    }
    await recordAudit(
      { db: trx, clock: services.clock },
      {
        actor,
        action: archived ? "organisation.archived" : "organisation.reopened",
        target: { type: "organisation", id: organisationId },
        details,
      },
    );
  });
  return { ok: true, changed: true };
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
