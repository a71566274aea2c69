import { randomUUID } from "node:crypto";
import type { Viewer } from "#app/features/auth/viewer.ts";
import type { AppServices } from "#app/services.server.ts";
import { inboxFilterParams } from "./schemas.ts";

// A person's saved inbox filters: a name and the query string of the inbox's
// filters (never a page position). Each person sees and deletes only their own.

export const SAVED_FILTERS_MAX = 20;

export interface SavedFilter {
  id: string;
  name: string;
  query: string;
}

/** Only the inbox's own filter parameters, in a fixed order, non-empty ones. */
export function canonicalFilterQuery(query: string): string {
  const given = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  const kept = new URLSearchParams();
  for (const name of inboxFilterParams) {
    const value = given.get(name);
    if (value) kept.set(name, value.slice(0, 200));
  }
  return kept.toString();
}

export async function listSavedFilters(services: Pick<AppServices, "db">, viewer: Viewer): Promise<SavedFilter[]> {
  return services.db.selectFrom("saved_inbox_filters").select(["id", "name", "query"]).where("user_id", "=", viewer.id).orderBy("name").execute();
}

export type SaveFilterResult = { ok: true } | { ok: false; error: "empty" | "too_many" | "name_taken" };

export async function saveFilter(services: Pick<AppServices, "db" | "clock">, viewer: Viewer, name: string, query: string): Promise<SaveFilterResult> {
  const canonical = canonicalFilterQuery(query);
  if (!canonical) return { ok: false, error: "empty" };
  return services.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("saved_inbox_filters").select(["name"]).where("user_id", "=", viewer.id).execute();
    if (existing.some((f) => f.name === name)) return { ok: false, error: "name_taken" } as const;
    if (existing.length >= SAVED_FILTERS_MAX) return { ok: false, error: "too_many" } as const;
    await trx
      .insertInto("saved_inbox_filters")
      .values({ id: randomUUID(), user_id: viewer.id, name, query: canonical, created_at: services.clock.now().toISOString() })
      .execute();
    return { ok: true } as const;
  });
}

/** Deletes one of the person's own saved filters; someone else's is "not found". */
export async function deleteSavedFilter(services: Pick<AppServices, "db">, viewer: Viewer, filterId: string): Promise<boolean> {
  const deleted = await services.db.deleteFrom("saved_inbox_filters").where("id", "=", filterId).where("user_id", "=", viewer.id).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
