import { index, route, type RouteConfig } from "@react-router/dev/routes";

// Every route here has an entry in tests/e2e/authorization-matrix.ts; the
// matrix test fails for a route without one.
export default [
  index("routes/home.tsx"),
  route("inloggen", "routes/login.tsx"),
  route("uitloggen", "routes/logout.tsx"),
  route("uitnodiging/:token", "routes/accept-invitation.tsx"),
  route("start", "routes/start.tsx"),
  route("account", "routes/account.tsx"),
  route("beheer/uitnodigingen", "routes/admin/invitations.tsx"),
  route("beheer/ambassadeurs", "routes/admin/ambassadors.tsx"),
  route("beheer/gebruikers", "routes/admin/users.tsx"),
  route("beheer/audit", "routes/admin/audit.tsx"),
  route("signalen/nieuw", "routes/signals/new.tsx"),
  route("mijn-signalen", "routes/signals/mine.tsx"),
  route("mijn-signalen/:signalId", "routes/signals/mine-detail.tsx"),
  route("signalen", "routes/signals/inbox.tsx"),
  route("signalen/:signalId", "routes/signals/inbox-detail.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("hulp", "routes/help/index.tsx"),
  route("hulp/:flowId/:stepId?", "routes/help/flow.tsx"),
  route("tips", "routes/tips/index.tsx"),
  route("tips/:tipId", "routes/tips/tip.tsx"),
  route("delen", "routes/share/library.tsx"),
  route("delen/:kind/:id", "routes/share/share.tsx"),
  route("delen/:kind/:id/qr.svg", "routes/share/qr-code.ts"),
  route("delen/:kind/:id/poster", "routes/share/poster.tsx"),
  route("bereik", "routes/share/reach.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
