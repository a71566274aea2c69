import type { Role } from "#db/tables/auth.ts";

// What each role may do on each route, as specified. The test walks every
// route in app/routes.ts; a route without an entry here fails it.
//
// allow: the route answers for itself (any status below 500 that is not a
//        denial — a 404 for an unknown token or a 400 for an empty form is fine).
// deny:  anonymous visitors are sent to the login page, logged-in people get 403.

export type Who = "anonymous" | Role;
export type Access = "allow" | "deny";

export interface MatrixEntry {
  /** A concrete URL for the route (params filled in). */
  path: string;
  get: Record<Who, Access>;
  /** Only for routes with an action; an empty form is posted. */
  post?: Record<Who, Access>;
}

const everyone: Record<Who, Access> = { anonymous: "allow", ambassador: "allow", coordinator: "allow", police: "allow", admin: "allow" };
const loggedIn: Record<Who, Access> = { anonymous: "deny", ambassador: "allow", coordinator: "allow", police: "allow", admin: "allow" };
const coordinatorAndAdmin: Record<Who, Access> = { anonymous: "deny", ambassador: "deny", coordinator: "allow", police: "deny", admin: "allow" };
const reachViewers: Record<Who, Access> = { anonymous: "deny", ambassador: "allow", coordinator: "allow", police: "deny", admin: "allow" };
const adminOnly: Record<Who, Access> = { anonymous: "deny", ambassador: "deny", coordinator: "deny", police: "deny", admin: "allow" };

export const authorizationMatrix: Record<string, MatrixEntry> = {
  "routes/home.tsx": { path: "/", get: everyone },
  "routes/login.tsx": { path: "/inloggen", get: everyone, post: everyone },
  "routes/logout.tsx": { path: "/uitloggen", get: everyone, post: everyone },
  "routes/accept-invitation.tsx": { path: "/uitnodiging/onbekend-token-0000000000", get: everyone, post: everyone },
  "routes/start.tsx": { path: "/start", get: loggedIn },
  "routes/account.tsx": { path: "/account", get: loggedIn, post: loggedIn },
  "routes/admin/invitations.tsx": { path: "/beheer/uitnodigingen", get: coordinatorAndAdmin, post: coordinatorAndAdmin },
  "routes/admin/ambassadors.tsx": { path: "/beheer/ambassadeurs", get: coordinatorAndAdmin, post: coordinatorAndAdmin },
  "routes/admin/users.tsx": { path: "/beheer/gebruikers", get: adminOnly, post: adminOnly },
  "routes/admin/audit.tsx": { path: "/beheer/audit", get: coordinatorAndAdmin },
  "routes/healthz.ts": { path: "/healthz", get: everyone },
  "routes/not-found.tsx": { path: "/deze-pagina-bestaat-niet", get: everyone, post: everyone },
  "routes/help/index.tsx": { path: "/hulp", get: everyone },
  "routes/help/flow.tsx": { path: "/hulp/phishing", get: everyone },
  "routes/tips/index.tsx": { path: "/tips", get: everyone },
  "routes/tips/tip.tsx": { path: "/tips/phishing-check-sender", get: everyone },
  "routes/share/library.tsx": { path: "/delen", get: loggedIn },
  "routes/share/share.tsx": { path: "/delen/hulp/phishing", get: loggedIn },
  "routes/share/qr-code.ts": { path: "/delen/hulp/phishing/qr.svg", get: loggedIn },
  "routes/share/poster.tsx": { path: "/delen/tips/phishing-check-sender/poster?taal=ar", get: loggedIn },
  "routes/share/reach.tsx": { path: "/bereik", get: reachViewers },
};
