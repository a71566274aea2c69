import type { Role } from "#db/tables/auth.ts";

// The one place that decides what each role may do. Loaders and actions ask
// it through requirePermission(); navigation asks it through can(). Privacy
// rule 5: every check happens on the server, the UI only hides what it denies.

export const permissions = {
  /** The role's own start page and account. */
  "home:view": ["ambassador", "coordinator", "police", "admin"],
  "account:manage": ["ambassador", "coordinator", "police", "admin"],
  /** Invite ambassadors to an organisation. */
  "invitations:manage": ["coordinator", "admin"],
  /** Invite coordinators, police and administrators. */
  "staff:invite": ["admin"],
  /** See ambassadors, deactivate and reactivate them. */
  "ambassadors:manage": ["coordinator", "admin"],
  /** See every account and change roles. */
  "users:manage": ["admin"],
  "audit:read": ["coordinator", "admin"],
  /** Send a phenomenon signal (for the ambassador's organisation). */
  "signals:submit": ["ambassador"],
  /** Read the own organisation's signals and the feedback on them. */
  "signals:own": ["ambassador"],
  /** The signals inbox: everything for the gemeente, what is addressed to politie for police. */
  "signals:inbox": ["coordinator", "admin", "police"],
  /** Triage: status, feedback, forwarding to police, phenomenon cases. */
  "signals:triage": ["coordinator", "admin"],
  /** Phenomenon cases as pages of their own: owner, status, linked signals, timeline. The gemeente's working files. */
  "cases:manage": ["coordinator", "admin"],
  /** The signal settings of the municipality: targets per urgency, who sees the other side's work (the wall indicator). */
  "signals:settings": ["admin"],
  /** Police notes on signals addressed to politie. */
  "signals:police": ["police"],
  /** The network overview: organisations and ambassadors per stadsdeel, uncovered wijken. */
  "network:view": ["coordinator", "admin"],
  /** Create, edit, archive and reopen organisations. */
  "organisations:manage": ["coordinator", "admin"],
  /** The introduction for new ambassadors, reopened at any time. */
  "onboarding:view": ["ambassador"],
  /** Choose the wijken to get warnings for. */
  "notifications:choose": ["ambassador"],
  /** Delete one's own account: a volunteer's right; staff accounts belong to the municipality's administration. */
  "account:delete": ["ambassador"],
  /** The flows and tips library: share with a resident by link, QR code or poster. */
  "library:use": ["ambassador", "coordinator", "police", "admin"],
  /** Referral reach: ambassadors see their own organisation's, with reach:view-all every organisation's. */
  "reach:view": ["ambassador", "coordinator", "admin"],
  "reach:view-all": ["coordinator", "admin"],
  /** The neighbourhood dashboard: aggregates only, with small-cell suppression; its exports and report. */
  "dashboard:view": ["coordinator", "police", "admin"],
  /** The dashboard's network figures (organisations, ambassadors, signals per organisation). */
  "dashboard:network": ["coordinator", "admin"],
  /** Publish warnings to ambassadors per wijk, and see their delivery counts. */
  "warnings:publish": ["coordinator", "admin"],
  /** Open a warning (what a push notification leads to). */
  "warnings:view": ["ambassador", "coordinator", "admin"],
  /** Switch push notifications on or off for one's own device. */
  "push:subscribe": ["ambassador", "coordinator", "admin"],
  /** Take the training modules, see one's own progress and print one's own certificate. */
  "training:take": ["ambassador"],
  /** Results per module and question over all ambassadors: totals only, never per person. */
  "training:results": ["coordinator", "admin"],
  /** The programme's figures per month and stadsdeel, and the researchers' export (protected figures only). */
  "programme:view": ["coordinator", "admin"],
  /** Answer the anonymous questionnaire (once per round; the answers are not linked to the person). */
  "questionnaire:answer": ["ambassador"],
  /** The questionnaire's results: after it closed, for groups of at least the threshold only. */
  "questionnaire:results": ["coordinator", "admin"],
  /** Write a newsletter to all ambassadors or those of one stadsdeel (push and e-mail), and see its delivery counts. */
  "newsletter:send": ["coordinator", "admin"],
  /** Read the newsletters meant for one (all ambassadors, or one's stadsdeel). */
  "newsletter:read": ["ambassador"],
  /** The situation room (announced disturbances, events): staff see every situation; ambassadors the open ones for their organisation's wijk, without log or figures. */
  "situations:view": ["ambassador", "coordinator", "police", "admin"],
  /** Write in a situation's shared log and tick off the checklist: gemeente and police. */
  "situations:log": ["coordinator", "police", "admin"],
  /** Open, close and evaluate situations and link signals to them. */
  "situations:manage": ["coordinator", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(viewer: { role: Role } | null | undefined, permission: Permission): boolean {
  if (!viewer) return false;
  return (permissions[permission] as readonly Role[]).includes(viewer.role);
}

/** Coordinators, police and administrators: everyone who works for the municipality rather than volunteers. */
export function isStaff(role: Role): boolean {
  return role !== "ambassador";
}

/**
 * May this account sign in (by password, passkey or an existing session)?
 * Not when it is deactivated, nor when its organisation is archived.
 */
export function maySignIn(account: { deactivatedAt: string | null; organisationArchivedAt: string | null }): boolean {
  return account.deactivatedAt === null && account.organisationArchivedAt === null;
}

/**
 * May this person add a passkey now? Ambassadors always; staff only after
 * passing their second factor in this session, or as their very first one
 * (no authenticator app and no passkey yet).
 */
export function mayRegisterPasskey(
  viewer: { role: Role; secondFactor: boolean },
  existing: { totp: boolean; passkeys: number },
): boolean {
  if (!secondFactorPending(viewer)) return true;
  return !existing.totp && existing.passkeys === 0;
}

/**
 * Staff must pass a second factor (an authenticator-app code or a passkey) in
 * every session; until then only the second step, logging out and the public
 * pages answer them. Ambassadors are never asked.
 */
export function secondFactorPending(viewer: { role: Role; secondFactor: boolean }): boolean {
  return isStaff(viewer.role) && !viewer.secondFactor;
}

/** Roles a viewer may hand out in an invitation. */
export function invitableRoles(viewer: { role: Role }): Role[] {
  const result: Role[] = [];
  if (can(viewer, "invitations:manage")) result.push("ambassador");
  if (can(viewer, "staff:invite")) result.push("coordinator", "police", "admin");
  return result;
}
