import { randomBytes, randomUUID } from "node:crypto";
import type { AppServices } from "#app/services.server.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import { hashPassword } from "#app/features/auth/password.server.ts";
import { createSession } from "#app/features/auth/session.server.ts";
import { seal } from "#app/features/second-factor/secret-box.server.ts";
import { generateTotpSecret, totpCode, totpStep } from "#app/features/second-factor/totp.ts";
import type { Role } from "#db/tables/auth.ts";
import type { OrganisationKind } from "#db/tables/organisations.ts";

type Services = Pick<AppServices, "db" | "clock" | "municipality" | "config">;

export const TEST_PASSWORD = "correct horse battery staple";

let passwordHash: Promise<string> | undefined;

export async function createOrganisation(
  services: Services,
  input: { name?: string; wijk?: string; kind?: OrganisationKind; code?: string } = {},
): Promise<{ id: string; name: string; code: string; wijkId: string }> {
  const id = randomUUID();
  const name = input.name ?? `Testorganisatie ${id.slice(0, 6)}`;
  const code = input.code ?? `t-${randomBytes(4).toString("hex")}`;
  const wijk = wijkId(services.municipality.slug, input.wijk ?? "Moerwijk");
  await services.db
    .insertInto("organisations")
    .values({
      id,
      municipality_id: services.municipality.id,
      name,
      kind: input.kind ?? "library",
      wijk_id: wijk,
      address: "Teststraat 1, 2500 AA Den Haag",
      walk_in_hours: "dinsdag 14:00–16:00",
      code,
      created_at: services.clock.now().toISOString(),
      archived_at: null,
    })
    .execute();
  return { id, name, code, wijkId: wijk };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  organisationId: string | null;
}

export async function createUser(
  services: Services,
  input: { role: Role; organisationId?: string | null; email?: string; displayName?: string } ,
): Promise<TestUser> {
  let organisationId = input.organisationId ?? null;
  if (input.role === "ambassador" && !organisationId) organisationId = (await createOrganisation(services)).id;
  const id = randomUUID();
  const email = input.email ?? `${input.role}-${id.slice(0, 8)}@test.wijkwijs.nl`;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  await services.db
    .insertInto("users")
    .values({
      id,
      municipality_id: services.municipality.id,
      email,
      display_name: input.displayName ?? `Test ${input.role}`,
      password_hash: await passwordHash,
      role: input.role,
      organisation_id: organisationId,
      language: null,
      created_at: services.clock.now().toISOString(),
      last_active_at: null,
      deactivated_at: null,
    })
    .execute();
  return { id, email, password: TEST_PASSWORD, role: input.role, organisationId };
}

/**
 * A session for the user without going through the login form. Staff
 * sessions have passed the second factor unless `secondFactor: false`
 * (tests of the second factor itself).
 */
export async function createSessionToken(
  services: Services,
  user: { id: string; role: Role },
  options: { secondFactor?: boolean } = {},
): Promise<string> {
  return (await createSession(services, user, "Test", { secondFactor: options.secondFactor ?? user.role !== "ambassador" })).token;
}

/** Links an authenticator app to the account (as if set up and confirmed); returns its secret. */
export async function enrolTotp(services: Pick<AppServices, "db" | "clock" | "secret">, userId: string): Promise<string> {
  const secret = generateTotpSecret();
  await services.db
    .insertInto("totp_credentials")
    .values({ user_id: userId, secret_encrypted: seal(services.secret, secret), confirmed_at: services.clock.now().toISOString(), last_used_step: null, created_at: services.clock.now().toISOString() })
    .execute();
  return secret;
}

/** The authenticator app's code at the services' "now". */
export function totpCodeAt(secret: string, now: Date, offsetSteps = 0): string {
  return totpCode(secret, totpStep(now) + offsetSteps);
}
