import type { AppServices } from "#app/services.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { listInvitations, type InvitationListRow } from "#app/features/auth/invitations.server.ts";
import { countActiveAmbassadors } from "#app/features/auth/users.server.ts";
import { listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { listRoster } from "./roster.server.ts";

// The coordinator's picture of the network: where organisations and active
// ambassadors are, which wijken have none yet (where to recruit next), and
// what is pending. Counts of the municipality's own volunteers, not of
// residents, so no small-cell suppression applies.

export interface StadsdeelOverview {
  id: string;
  name: string;
  organisations: number;
  activeAmbassadors: number;
  wijken: number;
  wijkenWithoutOrganisation: { id: string; name: string }[];
}

export interface NetworkOverview {
  stadsdelen: StadsdeelOverview[];
  totals: { organisations: number; activeAmbassadors: number; wijkenWithoutOrganisation: number; flaggedInactive: number };
  openInvitations: InvitationListRow[];
}

export async function networkOverview(
  services: Pick<AppServices, "db" | "clock" | "config">,
  municipalityId: string,
): Promise<NetworkOverview> {
  const [areas, organisations, ambassadorCounts, openInvitations, inactive] = await Promise.all([
    listAreas(services, municipalityId),
    listOrganisations(services, municipalityId),
    countActiveAmbassadors(services, municipalityId),
    listInvitations(services, municipalityId, { status: "open" }),
    listRoster(services, municipalityId, { filter: "inactive" }),
  ]);
  const stadsdelen = areas.map((stadsdeel) => {
    const here = organisations.filter((organisation) => organisation.stadsdeelId === stadsdeel.id);
    const covered = new Set(here.map((organisation) => organisation.wijkId));
    return {
      id: stadsdeel.id,
      name: stadsdeel.name,
      organisations: here.length,
      activeAmbassadors: here.reduce((sum, organisation) => sum + (ambassadorCounts.get(organisation.id) ?? 0), 0),
      wijken: stadsdeel.wijken.length,
      wijkenWithoutOrganisation: stadsdeel.wijken.filter((wijk) => !covered.has(wijk.id)).map(({ id, name }) => ({ id, name })),
    };
  });
  return {
    stadsdelen,
    totals: {
      organisations: organisations.length,
      activeAmbassadors: stadsdelen.reduce((sum, sd) => sum + sd.activeAmbassadors, 0),
      wijkenWithoutOrganisation: stadsdelen.reduce((sum, sd) => sum + sd.wijkenWithoutOrganisation.length, 0),
      flaggedInactive: inactive.length,
    },
    openInvitations,
  };
}
