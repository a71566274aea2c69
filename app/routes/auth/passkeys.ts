import type { Route } from "./+types/passkeys";
import { requestInfoContext, servicesContext, viewerContext, i18nContext, pendingSecondFactorContext } from "#app/context.server.ts";
import { describeDevice, readSessionToken, sessionCookie } from "#app/features/auth/session.server.ts";
import { hashToken } from "#app/features/auth/token-hash.server.ts";
import { safeReturnPath } from "#app/features/auth/safe-path.ts";
import {
  authenticationOptions,
  challengeCookie,
  clearedChallengeCookie,
  confirmSecondFactorWithPasskey,
  logInWithPasskey,
  passkeyRegistrationAllowed,
  readChallengeToken,
  registerPasskey,
  registrationOptions,
} from "#app/features/second-factor/passkeys.server.ts";
import {
  authenticationResponseSchema,
  passkeyLabelSchema,
  passkeyStepSchema,
  registrationResponseSchema,
} from "#app/features/second-factor/schemas.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

// The JSON side of passkeys, called by the passkey buttons (JavaScript is
// needed for WebAuthn anyway; without it people use password and code).
// POST /passkeys/<step>; every answer is JSON with a message on failure.


export async function loader() {
  return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  // The second step happens here too: staff who have only given their password are known to these steps.
  const viewer = context.get(viewerContext) ?? context.get(pendingSecondFactorContext);
  const { t } = context.get(i18nContext);
  const rp = { origin: context.get(requestInfoContext).origin };
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
  const fail = (status: number, error: string) => json({ ok: false, error, message: t(`security:passkeys.errors.${error}`) }, status);

  const step = passkeyStepSchema.safeParse(params.step);
  if (!step.success) return fail(404, "unknown_step");
  let body: Record<string, unknown> = {};
  if (!step.data.endsWith("opties")) {
    try {
      const parsed: unknown = await request.json();
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return fail(400, "unreadable");
      body = parsed as Record<string, unknown>;
    } catch {
      return fail(400, "unreadable");
    }
  }
  const token = readChallengeToken(request.headers.get("cookie"));

  switch (step.data) {
    case "login-opties": {
      const { options, token: newToken } = await authenticationOptions(services, rp, null);
      return json({ ok: true, options }, 200, { "Set-Cookie": challengeCookie(newToken) });
    }
    case "inloggen": {
      const response = authenticationResponseSchema.safeParse(body.response);
      if (!response.success) return fail(400, "unreadable");
      const previous = readSessionToken(request.headers.get("cookie"));
      const result = await logInWithPasskey(services, rp, {
        token,
        response: response.data as never,
        device: describeDevice(request.headers.get("user-agent")),
        previousSessionId: previous ? hashToken(previous) : null,
      });
      if (!result.ok) return fail(result.error === "deactivated" ? 403 : 400, result.error);
      const headers = new Headers({ "Cache-Control": "no-store" });
      headers.append("Set-Cookie", sessionCookie(result.session.token, result.session.expiresAt, services.clock.now()));
      headers.append("Set-Cookie", clearedChallengeCookie());
      return Response.json({ ok: true, redirect: safeReturnPath(typeof body.terug === "string" ? body.terug : null) }, { headers });
    }
    case "tweede-stap-opties":
    case "registratie-opties": {
      if (!viewer) return fail(401, "unauthenticated");
      const { options, token: newToken } =
        step.data === "registratie-opties" ? await registrationOptions(services, rp, viewer) : await authenticationOptions(services, rp, viewer);
      return json({ ok: true, options }, 200, { "Set-Cookie": challengeCookie(newToken) });
    }
    case "tweede-stap": {
      if (!viewer) return fail(401, "unauthenticated");
      const response = authenticationResponseSchema.safeParse(body.response);
      if (!response.success) return fail(400, "unreadable");
      const result = await confirmSecondFactorWithPasskey(services, rp, viewer, { token, response: response.data as never });
      if (!result.ok) return fail(400, result.error);
      return json({ ok: true, redirect: safeReturnPath(typeof body.terug === "string" ? body.terug : null) }, 200, { "Set-Cookie": clearedChallengeCookie() });
    }
    case "registratie": {
      if (!viewer) return fail(401, "unauthenticated");
      if (!(await passkeyRegistrationAllowed(services, viewer))) return fail(403, "second_factor_first");
      const response = registrationResponseSchema.safeParse(body.response);
      if (!response.success) return fail(400, "unreadable");
      const result = await registerPasskey(services, rp, viewer, { token, response: response.data as never, label: passkeyLabelSchema.parse(body.label) });
      if (!result.ok) return fail(400, result.error);
      return json({ ok: true, redirect: safeReturnPath(typeof body.terug === "string" ? body.terug : null, "/account/inlogmethoden") }, 200, {
        "Set-Cookie": clearedChallengeCookie(),
      });
    }
  }
}
