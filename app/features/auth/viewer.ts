import type { Role } from "#db/tables/auth.ts";

/** The logged-in person as loaders and components see them. */
export interface Viewer {
  id: string;
  sessionId: string;
  email: string;
  displayName: string;
  role: Role;
  municipalityId: string;
  organisationId: string | null;
  organisationName: string | null;
  language: string | null;
  /** Whether this session passed a second factor; staff need one for most pages. */
  secondFactor: boolean;
}
