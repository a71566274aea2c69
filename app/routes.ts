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
  route("beheer/netwerk", "routes/network/overview.tsx"),
  route("beheer/organisaties", "routes/network/organisations.tsx"),
  route("beheer/organisaties/:organisationId", "routes/network/organisation.tsx"),
  route("ambassadeurs", "routes/network/find-ambassador.tsx"),
  route("welkom", "routes/profile/onboarding.tsx"),
  route("account/mijn-gegevens", "routes/profile/data-export.ts"),
  route("account/verwijderen", "routes/profile/delete-account.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
