import type { Permission } from "#app/features/auth/authorization.ts";

export interface NavigationItem {
  to: string;
  /** Translation key in the common namespace (or "<namespace>:key"). */
  label: string;
  /** Translation key of a one-line description on the start page; absent: not shown there. */
  description?: string;
  permission: Permission;
  /** A count shown next to the label, e.g. urgent signals; the root loader fills it in. */
  badge?: NavigationBadge;
}

/** Counters the root loader knows (navigation-badges.server.ts). */
export type BadgeCounter = "signals:urgent-open";

export interface NavigationBadge {
  counter: BadgeCounter;
  /** Translation key with {{count}}, for screen readers. */
  label: string;
}

// The navigation for logged-in people; each item shows only to roles that
// may open it (the routes check the same permission on the server).
export const navigationItems: NavigationItem[] = [
  { to: "/start", label: "nav.start", permission: "home:view" },
  {
    to: "/beheer/netwerk",
    label: "network:nav.overview",
    description: "network:nav.overview_description",
    permission: "network:view",
  },
  {
    to: "/beheer/organisaties",
    label: "network:nav.organisations",
    description: "network:nav.organisations_description",
    permission: "organisations:manage",
  },
  {
    to: "/beheer/uitnodigingen",
    label: "nav.invitations",
    description: "nav.invitations_description",
    permission: "invitations:manage",
  },
  {
    to: "/beheer/ambassadeurs",
    label: "nav.ambassadors",
    description: "nav.ambassadors_description",
    permission: "ambassadors:manage",
  },
  { to: "/beheer/gebruikers", label: "nav.users", description: "nav.users_description", permission: "users:manage" },
  { to: "/beheer/audit", label: "nav.audit", description: "nav.audit_description", permission: "audit:read" },
  { to: "/signalen/nieuw", label: "signals:nav.new", description: "signals:nav.new_description", permission: "signals:submit" },
  { to: "/mijn-signalen", label: "signals:nav.mine", description: "signals:nav.mine_description", permission: "signals:own" },
  {
    to: "/signalen",
    label: "signals:nav.inbox",
    description: "signals:nav.inbox_description",
    permission: "signals:inbox",
    badge: { counter: "signals:urgent-open", label: "signals:nav.urgent_count" },
  },
  { to: "/zaken", label: "signals:nav.cases", description: "signals:nav.cases_description", permission: "cases:manage" },
  { to: "/beheer/signalen", label: "signals:nav.settings", description: "signals:nav.settings_description", permission: "signals:settings" },
  { to: "/dashboard", label: "dashboard:nav.dashboard", description: "dashboard:nav.dashboard_description", permission: "dashboard:view" },
  { to: "/waarschuwingen", label: "warnings:nav.manage", description: "warnings:nav.manage_description", permission: "warnings:publish" },
  { to: "/situaties", label: "situations:nav.situations", description: "situations:nav.situations_description", permission: "situations:view" },
  { to: "/account", label: "nav.account", description: "nav.account_description", permission: "account:manage" },
  { to: "/mijn-overzicht", label: "programme:monthly.nav", description: "programme:monthly.nav_description", permission: "signals:own" },
  { to: "/training", label: "training:nav.training", description: "training:nav.training_description", permission: "training:take" },
  { to: "/beheer/training", label: "training:nav.results", description: "training:nav.results_description", permission: "training:results" },
  { to: "/beheer/programma", label: "programme:nav.programme", description: "programme:nav.programme_description", permission: "programme:view" },
  { to: "/vragenlijst", label: "programme:questionnaire.nav", description: "programme:questionnaire.nav_description", permission: "questionnaire:answer" },
  { to: "/beheer/vragenlijst", label: "programme:questionnaire_staff.nav", description: "programme:questionnaire_staff.nav_description", permission: "questionnaire:results" },
  { to: "/nieuwsbrieven", label: "newsletter:reader.nav", description: "newsletter:reader.nav_description", permission: "newsletter:read" },
  { to: "/beheer/nieuwsbrief", label: "newsletter:manage.nav", description: "newsletter:manage.nav_description", permission: "newsletter:send" },
  { to: "/welkom", label: "profile:nav.onboarding", description: "profile:nav.onboarding_description", permission: "onboarding:view" },
  { to: "/delen", label: "flows:nav.library", description: "flows:nav.library_description", permission: "library:use" },
  { to: "/bereik", label: "flows:nav.reach", description: "flows:nav.reach_description", permission: "reach:view" },
];
