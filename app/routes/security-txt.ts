import type { Route } from "./+types/security-txt";
import { requestInfoContext, servicesContext } from "#app/context.server.ts";

// RFC 9116: how to report a vulnerability. Expires is always about half a
// year ahead, so the file never goes stale while the app runs.

export function loader({ context }: Route.LoaderArgs) {
  const { config, clock } = context.get(servicesContext);
  const origin = context.get(requestInfoContext).origin;
  const expires = new Date(clock.now().getTime() + 180 * 24 * 60 * 60 * 1000);
  expires.setUTCHours(0, 0, 0, 0);
  const lines = [
    `Contact: ${config.securityContact}`,
    `Expires: ${expires.toISOString()}`,
    "Preferred-Languages: nl, en",
    `Canonical: ${origin}/.well-known/security.txt`,
  ];
  return new Response(`${lines.join("\n")}\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
