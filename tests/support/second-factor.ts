import type { AppServices } from "#app/services.server.ts";
import { open } from "#app/features/second-factor/secret-box.server.ts";
import { totpCode, totpStep, TOTP_WINDOW } from "#app/features/second-factor/totp.ts";
import { enrolTotp } from "./fixtures.ts";
import type { HttpClient, TestResponse } from "./test-server.ts";

/**
 * After a password login that sent a staff member to /tweede-stap: types a
 * code from their authenticator app (linking one first if they have none)
 * and returns the answer to that form — a redirect to where they were going.
 * Codes are taken from the allowed window, past the last one used, so that a
 * fixed test clock allows a few logins.
 */
export async function passSecondFactor(
  client: HttpClient,
  services: Pick<AppServices, "db" | "clock" | "secret">,
  user: { id: string },
  loginResponse: TestResponse,
): Promise<TestResponse> {
  const location = loginResponse.location ?? "";
  if (!location.startsWith("/tweede-stap")) return loginResponse;
  let credential = await services.db.selectFrom("totp_credentials").selectAll().where("user_id", "=", user.id).executeTakeFirst();
  if (!credential?.confirmed_at) {
    if (credential) await services.db.deleteFrom("totp_credentials").where("user_id", "=", user.id).execute();
    await enrolTotp(services, user.id);
    credential = await services.db.selectFrom("totp_credentials").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
  }
  const secret = open(services.secret, credential.secret_encrypted);
  const current = totpStep(services.clock.now());
  const step = Math.max(current - TOTP_WINDOW, (credential.last_used_step ?? -Infinity) + 1);
  if (step > current + TOTP_WINDOW) throw new Error("passSecondFactor: every code of this time window was used; advance the clock");
  const terug = new URL(location, "http://x").searchParams.get("terug") ?? "";
  return client.post("/tweede-stap", { code: totpCode(secret, step), terug });
}
