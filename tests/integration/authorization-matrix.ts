import { randomUUID } from "node:crypto";
import type { Role } from "#db/tables/auth.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import { createOrganisation, createUser } from "#tests/support/fixtures.ts";
import { createSignal } from "#tests/support/signal-fixtures.ts";
import type { TestServices } from "#tests/support/test-services.ts";

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
  /**
   * For routes whose answer depends on data: makes that data once per
   * database and returns the URL to probe (then `path` only names the case).
   */
  prepare?: (services: TestServices) => Promise<string>;
  get: Record<Who, Access>;
  /** Only for routes with an action; an empty form is posted. */
  post?: Record<Who, Access>;
}

const everyone: Record<Who, Access> = { anonymous: "allow", ambassador: "allow", coordinator: "allow", police: "allow", admin: "allow" };
const loggedIn: Record<Who, Access> = { anonymous: "deny", ambassador: "allow", coordinator: "allow", police: "allow", admin: "allow" };
const coordinatorAndAdmin: Record<Who, Access> = { anonymous: "deny", ambassador: "deny", coordinator: "allow", police: "deny", admin: "allow" };
const reachViewers: Record<Who, Access> = { anonymous: "deny", ambassador: "allow", coordinator: "allow", police: "deny", admin: "allow" };
const adminOnly: Record<Who, Access> = { anonymous: "deny", ambassador: "deny", coordinator: "deny", police: "deny", admin: "allow" };
const ambassadorOnly: Record<Who, Access> = { anonymous: "deny", ambassador: "allow", coordinator: "deny", police: "deny", admin: "deny" };
const signalInbox: Record<Who, Access> = { anonymous: "deny", ambassador: "deny", coordinator: "allow", police: "allow", admin: "allow" };
const dashboardViewers: Record<Who, Access> = { anonymous: "deny", ambassador: "deny", coordinator: "allow", police: "allow", admin: "allow" };
const warningViewers: Record<Who, Access> = { anonymous: "deny", ambassador: "allow", coordinator: "allow", police: "deny", admin: "allow" };
const situationWriters: Record<Who, Access> = { anonymous: "deny", ambassador: "deny", coordinator: "allow", police: "allow", admin: "allow" };
const nobody: Record<Who, Access> = { anonymous: "deny", ambassador: "deny", coordinator: "deny", police: "deny", admin: "deny" };

/** A signal of an organisation none of the matrix's users belongs to, addressed to the gemeente only. */
async function otherOrganisationsSignalForGemeente(services: TestServices): Promise<string> {
  const organisation = await createOrganisation(services, { name: "Matrix: een andere organisatie" });
  const sender = await createUser(services, { role: "ambassador", organisationId: organisation.id });
  return (await createSignal(services, { sender, recipients: "gemeente" })).id;
}

/** A phenomenon case with one signal linked into it. */
async function caseWithASignal(services: TestServices): Promise<string> {
  const signalId = await otherOrganisationsSignalForGemeente(services);
  const caseId = randomUUID();
  const now = services.clock.now().toISOString();
  await services.db.insertInto("signal_cases").values({ id: caseId, municipality_id: services.municipality.id, title: "Matrix: een zaak", created_by: null, created_at: now }).execute();
  await services.db.updateTable("signals").set({ case_id: caseId }).where("id", "=", signalId).execute();
  return caseId;
}

/** An open situation in Moerwijk with one signal linked to it (the situation room, issue 18). */
async function situationWithASignal(services: TestServices): Promise<string> {
  const signalId = await otherOrganisationsSignalForGemeente(services);
  const id = randomUUID();
  const now = services.clock.now().getTime();
  const hour = 3600_000;
  await services.db
    .insertInto("situations")
    .values({
      id,
      municipality_id: services.municipality.id,
      name: "Matrix: een evenement",
      kind: "event",
      starts_at: new Date(Math.floor(now / hour) * hour - 2 * hour).toISOString(),
      ends_at: new Date(Math.floor(now / hour) * hour + 4 * hour).toISOString(),
      organisations: "gemeente,police",
      closed_at: null,
      evaluation_what_happened: null,
      evaluation_interventions: null,
      evaluation_differently: null,
      evaluated_at: null,
      created_by: null,
      created_at: new Date(now).toISOString(),
    })
    .execute();
  await services.db.insertInto("situation_wijken").values({ situation_id: id, wijk_id: wijkId(services.municipality.slug, "Moerwijk") }).execute();
  await services.db.insertInto("situation_signals").values({ situation_id: id, signal_id: signalId, linked_by: null, linked_at: new Date(now).toISOString() }).execute();
  return id;
}

/**
 * Gives the matrix's ambassadors (made with the fixtures' default name, here and
 * in the e2e walk over every page) a valid certificate, as if they had passed
 * the basic modules; ambassadors that tests name themselves keep their own state.
 */
async function certifyEveryAmbassador(services: Pick<TestServices, "db" | "clock">): Promise<void> {
  const now = services.clock.now();
  const ambassadors = await services.db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "ambassador")
    .where("display_name", "=", "Test ambassador")
    .execute();
  for (const { id } of ambassadors) {
    await services.db
      .insertInto("training_certificates")
      .values({ user_id: id, certified_at: now.toISOString(), valid_until: new Date(now.getTime() + 30 * 24 * 3600_000).toISOString(), reminder_sent_at: null })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
  }
}

export const authorizationMatrix: Record<string, MatrixEntry> = {
  "routes/home.tsx": { path: "/", get: everyone },
  "routes/login.tsx": { path: "/inloggen", get: everyone, post: everyone },
  "routes/logout.tsx": { path: "/uitloggen", get: everyone, post: everyone },
  "routes/accept-invitation.tsx": { path: "/uitnodiging/onbekend-token-0000000000", get: everyone, post: everyone },
  "routes/password-reset/request.tsx": { path: "/wachtwoord-vergeten", get: everyone, post: everyone },
  "routes/password-reset/confirm.tsx": { path: "/wachtwoord-herstellen/onbekende-link-0000000000000000000000000000", get: everyone, post: everyone },
  "routes/start.tsx": { path: "/start", get: loggedIn },
  "routes/account.tsx": { path: "/account", get: loggedIn, post: loggedIn },
  "routes/admin/invitations.tsx": { path: "/beheer/uitnodigingen", get: coordinatorAndAdmin, post: coordinatorAndAdmin },
  "routes/admin/ambassadors.tsx": { path: "/beheer/ambassadeurs", get: coordinatorAndAdmin, post: coordinatorAndAdmin },
  "routes/admin/users.tsx": { path: "/beheer/gebruikers", get: adminOnly, post: adminOnly },
  "routes/admin/audit.tsx": { path: "/beheer/audit", get: coordinatorAndAdmin },
  "routes/signals/new.tsx": { path: "/signalen/nieuw", get: ambassadorOnly, post: ambassadorOnly },
  // The post is the ambassador's choice of e-mail about responses to their signals.
  "routes/signals/mine.tsx": { path: "/mijn-signalen", get: ambassadorOnly, post: ambassadorOnly },
  // Another organisation's signal: no ambassador of another organisation reads it (nor does
  // anyone else here: staff use the inbox's detail page).
  "routes/signals/mine-detail.tsx": {
    path: "/mijn-signalen/:other-organisations-signal",
    prepare: async (services) => `/mijn-signalen/${await otherOrganisationsSignalForGemeente(services)}`,
    get: nobody,
    // "Was this helpful?": an empty form is refused as such (400); whose response it is, the feature checks.
    post: ambassadorOnly,
  },
  // Bulk actions and saved filters post here; police may mark seen and assign, the feature checks each.
  "routes/signals/inbox.tsx": { path: "/signalen", get: signalInbox, post: signalInbox },
  // A signal addressed to the gemeente only: police may not read it, nor act on it.
  "routes/signals/inbox-detail.tsx": {
    path: "/signalen/:signal-for-gemeente-only",
    prepare: async (services) => `/signalen/${await otherOrganisationsSignalForGemeente(services)}`,
    get: coordinatorAndAdmin,
    post: coordinatorAndAdmin,
  },
  // Responding to a signal's sender with a template: the gemeente's triage, not the police.
  "routes/signals/respond.tsx": {
    path: "/signalen/:signal-for-gemeente-only/antwoord",
    prepare: async (services) => `/signalen/${await otherOrganisationsSignalForGemeente(services)}/antwoord`,
    get: coordinatorAndAdmin,
    post: coordinatorAndAdmin,
  },
  // "Was this helpful?" totals per template and phenomenon.
  "routes/signals/response-ratings.tsx": { path: "/signalen/antwoorden", get: coordinatorAndAdmin },
  // Targets per urgency and who sees the wall indicator: the municipality's setup, administrators only.
  "routes/signals/settings.tsx": { path: "/beheer/signalen", get: adminOnly, post: adminOnly },
  "routes/cases/index.tsx": { path: "/zaken", get: coordinatorAndAdmin },
  // A case with a signal: the gemeente's working files, for coordinators and administrators only.
  "routes/cases/case.tsx": {
    path: "/zaken/:case-with-a-signal",
    prepare: async (services) => `/zaken/${await caseWithASignal(services)}`,
    get: coordinatorAndAdmin,
    post: coordinatorAndAdmin,
  },
  "routes/healthz.ts": { path: "/healthz", get: everyone },
  // Development only (404 in production, see tests/integration/mail.test.ts); an unknown mail is a 404.
  "routes/dev/mailbox.tsx": { path: "/dev/mailbox", get: everyone },
  "routes/dev/mailbox-mail.tsx": { path: "/dev/mailbox/00000000-0000-4000-8000-000000000000", get: everyone },
  "routes/network/overview.tsx": { path: "/beheer/netwerk", get: coordinatorAndAdmin },
  "routes/network/organisations.tsx": { path: "/beheer/organisaties", get: coordinatorAndAdmin, post: coordinatorAndAdmin },
  "routes/network/organisation.tsx": { path: "/beheer/organisaties/onbekende-organisatie", get: coordinatorAndAdmin, post: coordinatorAndAdmin },
  "routes/network/find-ambassador.tsx": { path: "/ambassadeurs", get: everyone },
  "routes/profile/onboarding.tsx": { path: "/welkom", get: ambassadorOnly },
  "routes/profile/data-export.ts": { path: "/account/mijn-gegevens", get: loggedIn },
  "routes/profile/data-overview.tsx": { path: "/account/mijn-gegevens/overzicht", get: loggedIn },
  "routes/profile/delete-account.tsx": { path: "/account/verwijderen", get: ambassadorOnly, post: ambassadorOnly },
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
  "routes/auth/second-factor.tsx": { path: "/tweede-stap", get: loggedIn, post: loggedIn },
  "routes/auth/sign-in-methods.tsx": { path: "/account/inlogmethoden", get: loggedIn, post: loggedIn },
  // JSON for the passkey buttons: login options are for anyone; the rest answer 401 in JSON.
  "routes/auth/passkeys.ts": { path: "/passkeys/login-opties", get: everyone, post: everyone },
  "routes/privacy.tsx": { path: "/privacy", get: everyone },
  "routes/security-txt.ts": { path: "/.well-known/security.txt", get: everyone },
  "routes/dashboard/dashboard.tsx": { path: "/dashboard/heatmap", get: dashboardViewers },
  "routes/dashboard/network.tsx": { path: "/dashboard/netwerk", get: coordinatorAndAdmin },
  "routes/dashboard/export.ts": { path: "/dashboard/export?tabel=heatmap", get: dashboardViewers },
  "routes/dashboard/report.tsx": { path: "/dashboard/rapport", get: dashboardViewers },
  "routes/warnings/manage.tsx": { path: "/waarschuwingen", get: coordinatorAndAdmin, post: coordinatorAndAdmin },
  // An unknown warning: a 404 for those who may open warnings.
  "routes/warnings/warning.tsx": { path: "/waarschuwingen/00000000-0000-4000-8000-000000000000", get: warningViewers },
  "routes/warnings/push-subscription.ts": { path: "/account/meldingen", get: warningViewers, post: warningViewers },
  "routes/situations/index.tsx": { path: "/situaties", get: loggedIn, post: coordinatorAndAdmin },
  // Staff see the whole situation; an ambassador sees its facts when it concerns their organisation's wijk, a 404 otherwise.
  // An empty form is a 400 for gemeente and police, who write in the log; linking, closing and evaluating are the gemeente's.
  "routes/situations/situation.tsx": {
    path: "/situaties/:open-situation-with-a-signal",
    prepare: async (services) => `/situaties/${await situationWithASignal(services)}`,
    get: loggedIn,
    post: situationWriters,
  },
  // The researchers' export: the gemeente's (an open situation answers 409, not yet).
  "routes/situations/export.ts": {
    path: "/situaties/:open-situation/export/logboek",
    prepare: async (services) => `/situaties/${await situationWithASignal(services)}/export/logboek`,
    get: coordinatorAndAdmin,
  },
  "routes/training/index.tsx": { path: "/training", get: ambassadorOnly },
  "routes/training/module.tsx": { path: "/training/recognise-phishing", get: ambassadorOnly, post: ambassadorOnly },
  "routes/training/questions.tsx": { path: "/training/recognise-phishing/vragen", get: ambassadorOnly, post: ambassadorOnly },
  // Certified ambassadors print their certificate; nobody else has one to print.
  "routes/training/certificate.tsx": {
    path: "/training/certificaat:certified-ambassador",
    prepare: async (services) => {
      await certifyEveryAmbassador(services);
      return "/training/certificaat";
    },
    get: ambassadorOnly,
  },
  "routes/training/results.tsx": { path: "/beheer/training", get: coordinatorAndAdmin },
  "routes/programme/monthly.tsx": { path: "/mijn-overzicht", get: ambassadorOnly, post: ambassadorOnly },
  "routes/programme/index.tsx": { path: "/beheer/programma", get: coordinatorAndAdmin },
  "routes/programme/export.ts": { path: "/beheer/programma/export?formaat=csv", get: coordinatorAndAdmin },
  "routes/questionnaire/answer.tsx": { path: "/vragenlijst", get: ambassadorOnly, post: ambassadorOnly },
  "routes/questionnaire/results.tsx": { path: "/beheer/vragenlijst", get: coordinatorAndAdmin },
  "routes/newsletter/manage.tsx": { path: "/beheer/nieuwsbrief", get: coordinatorAndAdmin, post: coordinatorAndAdmin },
  "routes/newsletter/read.tsx": { path: "/nieuwsbrieven", get: ambassadorOnly },
};
