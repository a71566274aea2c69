import { activePhenomena } from "#app/features/content/content.ts";
import { randomUUID } from "node:crypto";
import type { AppServices } from "#app/services.server.ts";
import { wijkId } from "#app/features/areas/area-file.ts";
import { hashPassword } from "#app/features/auth/password.server.ts";
import { seal } from "#app/features/second-factor/secret-box.server.ts";
import type { Role } from "#db/tables/auth.ts";
import { insertSyntheticReach } from "./synthetic-reach.ts";
import type { OrganisationKind } from "#db/tables/organisations.ts";
import { seedDemoSignals } from "./demo-signals.ts";
import { seedDemoWarnings } from "./demo-warnings.ts";
import { insertSyntheticSignals } from "./synthetic-signals.ts";
import { lastPublishedWeek } from "#app/features/publication/counting.ts";

// The demo a newcomer sees after `npm start`: Den Haag with its wijken, six
// organisations of different kinds, and one account per role. The README
// lists the accounts; keep the two in step.

export const DEMO_PASSWORD = "wijkwijs-demo-2026";

/**
 * The demo staff accounts' authenticator-app secret (staff need a
 * second factor). Only in demo data, never in a real installation: add it to
 * any authenticator app, or print the current code with `npm run demo:totp`.
 */
export const DEMO_TOTP_SECRET = "WIJKWIJSDEMOTOTPSECRETAAAAAAAAAA";

export const demoAccounts: { email: string; displayName: string; role: Role; organisationCode?: string }[] = [
  { email: "ambassadeur@demo.wijkwijs.nl", displayName: "Samira (demo-ambassadeur)", role: "ambassador", organisationCode: "bieb-moerwijk" },
  { email: "coordinator@demo.wijkwijs.nl", displayName: "Jeroen (demo-coördinator)", role: "coordinator" },
  { email: "politie@demo.wijkwijs.nl", displayName: "Wijkagent Demo", role: "police" },
  { email: "beheerder@demo.wijkwijs.nl", displayName: "Beheerder Demo", role: "admin" },
];

const demoOrganisations: {
  code: string;
  name: string;
  kind: OrganisationKind;
  wijk: string;
  address: string;
  walkInHours: string;
  languages: string;
  description: string;
}[] = [
  {
    code: "bieb-moerwijk",
    name: "Bibliotheek Moerwijk",
    kind: "library",
    wijk: "Moerwijk",
    address: "Voorbeeldplein 1, 2533 AA Den Haag",
    walkInHours: "Digi-café: dinsdag 14:00–16:00",
    languages: "nl,en,tr,ar",
    description: "Elke dinsdagmiddag helpen vrijwilligers bij vragen over de telefoon, DigiD, nepberichten en online bankieren. Koffie staat klaar.",
  },
  {
    code: "vv-laak",
    name: "Voetbalvereniging Laakkwartier",
    kind: "sports_club",
    wijk: "Laakkwartier en Spoorwijk",
    address: "Sportlaan 12, 2526 AB Den Haag",
    walkInHours: "Kantine: zaterdag 10:00–12:00",
    languages: "nl,pap,en",
    description: "Bij de kantine van de club kunt u op zaterdagochtend binnenlopen met vragen over oplichting via WhatsApp, Marktplaats of sociale media.",
  },
  {
    code: "ov-scheveningen",
    name: "Ondernemersvereniging Scheveningen Haven",
    kind: "business_association",
    wijk: "Scheveningen",
    address: "Havenkade 3, 2583 AC Den Haag",
    walkInHours: "Spreekuur: eerste maandag van de maand 17:00–18:30",
    languages: "nl,en,de",
    description: "Voor ondernemers in de haven en hun personeel: vragen over phishing, valse facturen en CEO-fraude.",
  },
  {
    code: "bh-schilders",
    name: "Buurthuis Het Schilderspalet",
    kind: "community_centre",
    wijk: "Schildersbuurt",
    address: "Paletstraat 8, 2525 AD Den Haag",
    walkInHours: "Inloop: woensdag 10:00–12:00 en donderdag 19:00–21:00",
    languages: "nl,tr,ar,zgh,uk",
    description: "Inloop voor iedereen uit de buurt. Wij helpen ook als uw Nederlands nog niet zo goed is.",
  },
  {
    code: "wc-bouwlust",
    name: "Wijkcentrum Bouwlust",
    kind: "community_centre",
    wijk: "Bouwlust",
    address: "Wijkplein 5, 2541 AE Den Haag",
    walkInHours: "Digi-spreekuur: vrijdag 13:00–15:00",
    languages: "nl,pl,uk,ru",
    description: "Digi-spreekuur in het wijkcentrum: hulp bij nepberichten, hackers op uw account en veilig internetten.",
  },
  {
    code: "sv-loosduinen",
    name: "Seniorenvereniging Loosduinen",
    kind: "other",
    wijk: "Loosduinen",
    address: "Ouderenweg 20, 2553 AF Den Haag",
    walkInHours: "Koffieochtend: donderdag 10:00–11:30",
    languages: "nl",
    description: "Voor senioren: rustig uitleg over oplichting aan de telefoon en de deur, en over veilig betalen.",
  },
];

/**
 * Colleagues of the demo ambassador, one at each other organisation, so that
 * the roster, the network overview and the public "find an ambassador" page
 * have something to show. One has not been active for over a year and is
 * flagged on the roster. Same password as the demo accounts.
 */
export const demoColleagues: { email: string; displayName: string; organisationCode: string; lastActiveDaysAgo: number }[] = [
  { email: "kees@demo.wijkwijs.nl", displayName: "Kees", organisationCode: "vv-laak", lastActiveDaysAgo: 3 },
  { email: "aylin@demo.wijkwijs.nl", displayName: "Aylin", organisationCode: "ov-scheveningen", lastActiveDaysAgo: 12 },
  { email: "marek@demo.wijkwijs.nl", displayName: "Marek", organisationCode: "bh-schilders", lastActiveDaysAgo: 1 },
  { email: "olena@demo.wijkwijs.nl", displayName: "Olena", organisationCode: "wc-bouwlust", lastActiveDaysAgo: 30 },
  { email: "henk@demo.wijkwijs.nl", displayName: "Henk", organisationCode: "sv-loosduinen", lastActiveDaysAgo: 400 },
];

export async function isDatabaseEmpty(services: Pick<AppServices, "db" | "municipality">): Promise<boolean> {
  const row = await services.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("municipality_id", "=", services.municipality.id)
    .executeTakeFirstOrThrow();
  const organisations = await services.db
    .selectFrom("organisations")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("municipality_id", "=", services.municipality.id)
    .executeTakeFirstOrThrow();
  return Number(row.count) === 0 && Number(organisations.count) === 0;
}

export function shouldSeedDemo(config: AppServices["config"]): boolean {
  if (config.demoData === "true") return true;
  if (config.demoData === "false") return false;
  return config.appEnv !== "production";
}

/** Seeds the demo. Call only on an empty database (see isDatabaseEmpty). */
/** Enough for a meaningful dashboard: most wijken show figures over 13 weeks, small cells still occur. */
export const DEMO_SYNTHETIC_SIGNALS = 10_000;

export async function seedDemo(services: Pick<AppServices, "db" | "clock" | "municipality" | "log" | "secret" | "content">): Promise<void> {
  const { db, clock, municipality } = services;
  const now = clock.now().toISOString();
  const organisationIds = new Map<string, string>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    for (const organisation of demoOrganisations) {
      const id = randomUUID();
      organisationIds.set(organisation.code, id);
      await trx
        .insertInto("organisations")
        .values({
          id,
          municipality_id: municipality.id,
          name: organisation.name,
          kind: organisation.kind,
          wijk_id: wijkId(municipality.slug, organisation.wijk),
          address: organisation.address,
          walk_in_hours: organisation.walkInHours,
          languages: organisation.languages,
          description: organisation.description,
          code: organisation.code,
          created_at: now,
          archived_at: null,
        })
        .execute();
    }
    const userIds = new Map<string, string>();
    for (const account of demoAccounts) {
      userIds.set(account.role, randomUUID());
      await trx
        .insertInto("users")
        .values({
          id: userIds.get(account.role)!,
          municipality_id: municipality.id,
          email: account.email,
          display_name: account.displayName,
          password_hash: passwordHash,
          role: account.role,
          organisation_id: account.organisationCode ? organisationIds.get(account.organisationCode)! : null,
          language: null,
          created_at: now,
          last_active_at: null,
          deactivated_at: null,
        })
        .execute();
      if (account.role !== "ambassador") {
        await trx
          .insertInto("totp_credentials")
          .values({
            user_id: userIds.get(account.role)!,
            secret_encrypted: seal(services.secret, DEMO_TOTP_SECRET),
            confirmed_at: now,
            last_used_step: null,
            created_at: now,
          })
          .execute();
      }
    }
    await seedDemoSignals(trx, clock, {
      municipalityId: municipality.id,
      municipalitySlug: municipality.slug,
      organisationId: organisationIds.get("bieb-moerwijk")!,
      ambassadorId: userIds.get("ambassador")!,
      coordinatorId: userIds.get("coordinator")!,
    });
    await seedDemoWarnings(trx, clock, { municipalityId: municipality.id, municipalitySlug: municipality.slug, coordinatorId: userIds.get("coordinator")! });
    for (const colleague of demoColleagues) {
      const lastActive = new Date(clock.now().getTime() - colleague.lastActiveDaysAgo * 24 * 60 * 60 * 1000).toISOString();
      await trx
        .insertInto("users")
        .values({
          id: randomUUID(),
          municipality_id: municipality.id,
          email: colleague.email,
          display_name: colleague.displayName,
          password_hash: passwordHash,
          role: "ambassador",
          organisation_id: organisationIds.get(colleague.organisationCode)!,
          language: null,
          created_at: lastActive,
          last_active_at: lastActive,
          deactivated_at: null,
        })
        .execute();
    }
  });
  // A year of synthetic signals for the dashboard, sent by the other organisations
  // (the demo ambassador's own list stays short and readable).
  const wijken = await db.selectFrom("wijken").select(["id", "population"]).where("municipality_id", "=", municipality.id).orderBy("sort_order").execute();
  const synthetic = await insertSyntheticSignals(db, {
    municipalityId: municipality.id,
    wijkIds: wijken.map((w) => w.id),
    phenomena: activePhenomena(services.content).map((p) => p.id),
    wijkPopulations: wijken.map((w) => w.population),
    senders: [...organisationIds.entries()].filter(([code]) => code !== "bieb-moerwijk").map(([, id]) => ({ organisationId: id, userId: null })),
    count: DEMO_SYNTHETIC_SIGNALS,
    // Up to the last published week (the dashboard shows nothing later), its phishing wave included.
    endWeek: lastPublishedWeek(clock.now()),
    weeks: 52,
    idPrefix: "demo",
    latest: new Date(clock.now().getTime() - 86_400_000),
  });
  // A year of visits through the organisations' share links (/bereik and the dashboard's reach).
  const reach = await insertSyntheticReach(db, {
    organisationIds: [...organisationIds.values()],
    targets: [...services.content.flows.map((f) => ({ kind: "flow" as const, id: f.id })), ...services.content.tips.map((t) => ({ kind: "tip" as const, id: t.id }))],
    endWeek: lastPublishedWeek(clock.now()),
    weeks: 52,
  });
  services.log.info("demo data seeded", {
    syntheticSignals: synthetic,
    referralVisitRows: reach,
    organisations: demoOrganisations.length,
    accounts: demoAccounts.length + demoColleagues.length,
  });
}
