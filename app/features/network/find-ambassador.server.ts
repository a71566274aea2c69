import type { AppServices } from "#app/services.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { countActiveAmbassadors } from "#app/features/auth/users.server.ts";
import type { SpokenLanguage } from "#app/features/organisations/languages.ts";
import { listOrganisations, type OrganisationSummary } from "#app/features/organisations/organisations.server.ts";
import { organisationsWithCertifiedAmbassadors } from "#app/features/training/training.server.ts";
import { stripInvisibleCharacters } from "#app/text/invisible-characters.ts";

// The public "find an ambassador" page: participating locations, i.e. open
// (not archived) organisations with at least one active ambassador — a place
// nobody staffs is no place to walk in with a question. See docs/decisions/0501.

export type PublicLocation = Pick<
  OrganisationSummary,
  "id" | "name" | "kind" | "code" | "address" | "walkInHours" | "phone" | "languages" | "description" | "wijkId" | "stadsdeelId"
> & {
  /** A certified ambassador helps here; null when the municipality does not show certification publicly. */
  certified: boolean | null;
};

export interface LocationGroup {
  id: string;
  name: string;
  wijken: { id: string; name: string; locations: PublicLocation[] }[];
}

export interface LocationSearch {
  groups: LocationGroup[];
  count: number;
  /** Set when the chosen wijk has no location and the list shows the rest of its stadsdeel instead. */
  nearbyInsteadOf: { wijkName: string; stadsdeelName: string } | null;
  /** Every wijk, by stadsdeel, for the filter. */
  areas: { id: string; name: string; wijken: { id: string; name: string }[] }[];
  /** Languages spoken at any location, for the filter. */
  languages: SpokenLanguage[];
  /** The participating place whose share link brought the visitor (?via=code), whatever the filter shows. */
  via: PublicLocation | null;
}

export async function findLocations(
  services: Pick<AppServices, "db" | "clock" | "municipality">,
  municipalityId: string,
  filter: { wijkId?: string | undefined; language?: SpokenLanguage | undefined; via?: string | undefined },
): Promise<LocationSearch> {
  const showCertified = services.municipality.showCertifiedPublicly === true;
  const [areas, organisations, staffed, certified] = await Promise.all([
    listAreas(services, municipalityId),
    listOrganisations(services, municipalityId),
    countActiveAmbassadors(services, municipalityId),
    showCertified ? organisationsWithCertifiedAmbassadors(services, municipalityId) : Promise.resolve(null),
  ]);
  const participating: PublicLocation[] = organisations
    .filter((organisation) => (staffed.get(organisation.id) ?? 0) > 0)
    .map(({ id, name, kind, code, address, walkInHours, phone, languages, description, wijkId, stadsdeelId }) => ({
      id,
      // Rows from before name fields refused them may hold direction overrides or zero-width characters.
      name: stripInvisibleCharacters(name, { singleLine: true }),
      kind,
      code,
      address: stripInvisibleCharacters(address, { singleLine: true }),
      walkInHours: stripInvisibleCharacters(walkInHours, { singleLine: true }),
      phone: stripInvisibleCharacters(phone, { singleLine: true }),
      languages,
      description: stripInvisibleCharacters(description),
      wijkId,
      stadsdeelId,
      certified: certified ? certified.has(id) : null,
    }));
  const spoken = new Set(participating.flatMap((location) => location.languages));
  const inLanguage = filter.language ? participating.filter((l) => l.languages.includes(filter.language!)) : participating;

  let shown = inLanguage;
  let nearbyInsteadOf: LocationSearch["nearbyInsteadOf"] = null;
  const stadsdeel = filter.wijkId ? areas.find((sd) => sd.wijken.some((w) => w.id === filter.wijkId)) : undefined;
  if (filter.wijkId && stadsdeel) {
    shown = inLanguage.filter((location) => location.wijkId === filter.wijkId);
    if (shown.length === 0) {
      shown = inLanguage.filter((location) => location.stadsdeelId === stadsdeel.id);
      if (shown.length > 0) {
        const wijk = stadsdeel.wijken.find((w) => w.id === filter.wijkId)!;
        nearbyInsteadOf = { wijkName: wijk.name, stadsdeelName: stadsdeel.name };
      }
    }
  }

  const groups = areas
    .map((sd) => ({
      id: sd.id,
      name: sd.name,
      wijken: sd.wijken
        .map((wijk) => ({ id: wijk.id, name: wijk.name, locations: shown.filter((location) => location.wijkId === wijk.id) }))
        .filter((wijk) => wijk.locations.length > 0),
    }))
    .filter((sd) => sd.wijken.length > 0);

  return {
    groups,
    count: shown.length,
    nearbyInsteadOf,
    areas: areas.map((sd) => ({ id: sd.id, name: sd.name, wijken: sd.wijken.map(({ id, name }) => ({ id, name })) })),
    languages: [...spoken],
    via: filter.via ? (participating.find((location) => location.code === filter.via) ?? null) : null,
  };
}

/**
 * Links that open the address in the visitor's own maps app: a geo: URI
 * (Android and most desktop systems hand it to the chosen app) and an
 * OpenStreetMap search for everything else. Only links the visitor chooses to
 * follow: the page itself loads nothing from anyone else. See docs/decisions/0501.
 */
export function addressLinks(address: string, municipalityName: string): { geo: string; search: string } {
  const query = address.toLowerCase().includes(municipalityName.toLowerCase()) ? address : `${address}, ${municipalityName}`;
  return {
    geo: `geo:0,0?q=${encodeURIComponent(query)}`,
    search: `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`,
  };
}
