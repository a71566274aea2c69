import type { AppServices } from "#app/services.server.ts";

export interface HelpContact {
  email: string | null;
  phone: string | null;
}

/** Who a person asks for help with their account: the coordinator's contact, set per municipality (config overrides content). */
export function coordinatorContact(services: Pick<AppServices, "config" | "municipality">): HelpContact {
  const fromContent = services.municipality.coordinatorContact;
  return {
    email: services.config.coordinatorContact.email ?? fromContent?.email ?? null,
    phone: services.config.coordinatorContact.phone ?? fromContent?.phone ?? null,
  };
}
