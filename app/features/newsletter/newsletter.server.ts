import { randomUUID } from "node:crypto";
import type { AppServices } from "#app/services.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { mailLanguage, mailT, renderMail } from "#app/features/mail/compose.server.ts";
import { kickMailOutbox, mailStatusCounts, queueMail } from "#app/features/mail/outbox.server.ts";
import { enqueuePush, kickPushQueue, pushCountsByTag } from "#app/features/warnings/push.server.ts";
import type { NewsletterForm } from "./schemas.ts";

// A coordinator's newsletter to every ambassador of the municipality or to
// those of one stadsdeel (their organisation's wijk): one mail each through
// the outbox (decision 0800) and a push to each of their devices (0302),
// queued in the transaction that stores the letter. Delivery is counted from
// the outbox and the push queue. Ambassadors read the letters meant for them
// at /nieuwsbrieven, where the push leads.

type Services = Pick<AppServices, "db" | "clock" | "config" | "municipality">;

async function stadsdelen(services: Pick<AppServices, "db">, municipalityId: string) {
  return services.db.selectFrom("stadsdelen").select(["id", "name"]).where("municipality_id", "=", municipalityId).orderBy("sort_order").execute();
}

export async function newsletterFormContext(services: Pick<AppServices, "db">, municipalityId: string) {
  return { stadsdelen: await stadsdelen(services, municipalityId) };
}

/** The active ambassadors a newsletter to this audience reaches. */
async function audience(services: Pick<AppServices, "db">, municipalityId: string, stadsdeelId: string | null) {
  let query = services.db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .innerJoin("wijken", "wijken.id", "organisations.wijk_id")
    .select(["users.id", "users.email", "users.display_name", "users.language"])
    .where("users.municipality_id", "=", municipalityId)
    .where("users.role", "=", "ambassador")
    .where("users.deactivated_at", "is", null)
    .where("organisations.archived_at", "is", null);
  if (stadsdeelId) query = query.where("wijken.stadsdeel_id", "=", stadsdeelId);
  return query.orderBy("users.id").execute();
}

export type SendResult = { ok: true; id: string; recipients: number } | { ok: false; field: "stadsdeelId"; error: "unknown_stadsdeel" | "no_recipients" };

/** Stores the letter and queues its mails and pushes, all or nothing. */
export async function sendNewsletter(services: AppServices, viewer: Viewer, input: NewsletterForm): Promise<SendResult> {
  const stadsdeelId = input.stadsdeelId || null;
  if (stadsdeelId && !(await stadsdelen(services, viewer.municipalityId)).some((sd) => sd.id === stadsdeelId)) {
    return { ok: false, field: "stadsdeelId", error: "unknown_stadsdeel" };
  }
  const id = randomUUID();
  const now = services.clock.now();
  const origin = services.config.publicUrl ?? `http://localhost:${services.config.port}`;
  const paragraphs = input.body.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
  const result = await services.db.transaction().execute(async (trx) => {
    const people = await audience({ db: trx }, viewer.municipalityId, stadsdeelId);
    if (people.length === 0) return { ok: false as const, field: "stadsdeelId" as const, error: "no_recipients" as const };
    await trx
      .insertInto("newsletters")
      .values({ id, municipality_id: viewer.municipalityId, stadsdeel_id: stadsdeelId, subject: input.subject, body: input.body, author_id: viewer.id, recipients: people.length, created_at: now.toISOString() })
      .execute();
    for (const person of people) {
      const language = mailLanguage(person.language, null);
      const { t } = mailT(language);
      const mail = renderMail(language, services.municipality.name, {
        subject: input.subject,
        greeting: t("newsletter.greeting", { name: person.display_name }),
        before: paragraphs,
        action: { label: t("newsletter.action"), url: `${origin}/nieuwsbrieven` },
        after: [t("newsletter.why")],
      });
      const mailId = await queueMail({ db: trx, clock: services.clock, config: services.config }, { kind: "newsletter", to: person.email, ...mail });
      await trx.insertInto("newsletter_mails").values({ newsletter_id: id, mail_id: mailId }).execute();
    }
    await enqueuePush(trx, now, people.map((person) => person.id), {
      title: input.subject,
      body: paragraphs[0]!.length > 140 ? `${paragraphs[0]!.slice(0, 139)}…` : paragraphs[0]!,
      url: "/nieuwsbrieven",
      tag: `newsletter-${id}`,
      lang: "nl",
    });
    return { ok: true as const, id, recipients: people.length };
  });
  if (result.ok) {
    kickMailOutbox(services);
    kickPushQueue(services);
  }
  return result;
}

export interface NewsletterWithCounts {
  id: string;
  subject: string;
  audience: string | null;
  createdAt: string;
  recipients: number;
  mails: { pending: number; sent: number; failed: number };
  pushes: { queued: number; delivered: number; failed: number };
}

/** The municipality's newsletters, newest first, with their delivery counts. */
export async function listNewslettersWithCounts(services: Pick<AppServices, "db">, municipalityId: string, limit = 20): Promise<NewsletterWithCounts[]> {
  const letters = await services.db
    .selectFrom("newsletters")
    .leftJoin("stadsdelen", "stadsdelen.id", "newsletters.stadsdeel_id")
    .select(["newsletters.id", "newsletters.subject", "newsletters.created_at", "newsletters.recipients", "stadsdelen.name as stadsdeel"])
    .where("newsletters.municipality_id", "=", municipalityId)
    .orderBy("newsletters.created_at", "desc")
    .limit(limit)
    .execute();
  return Promise.all(
    letters.map(async (letter) => {
      const mailIds = (await services.db.selectFrom("newsletter_mails").select("mail_id").where("newsletter_id", "=", letter.id).execute()).map((row) => row.mail_id);
      return {
        id: letter.id,
        subject: letter.subject,
        audience: letter.stadsdeel,
        createdAt: letter.created_at,
        recipients: Number(letter.recipients),
        mails: await mailStatusCounts(services, mailIds),
        pushes: await pushCountsByTag(services, `newsletter-${letter.id}`),
      };
    }),
  );
}

/** The letters meant for this ambassador (all, or their organisation's stadsdeel), newest first. */
export async function newslettersFor(services: Pick<AppServices, "db">, viewer: Pick<Viewer, "municipalityId" | "organisationId">, limit = 20) {
  const own = viewer.organisationId
    ? await services.db
        .selectFrom("organisations")
        .innerJoin("wijken", "wijken.id", "organisations.wijk_id")
        .select("wijken.stadsdeel_id")
        .where("organisations.id", "=", viewer.organisationId)
        .executeTakeFirst()
    : undefined;
  let query = services.db
    .selectFrom("newsletters")
    .select(["id", "subject", "body", "created_at"])
    .where("municipality_id", "=", viewer.municipalityId)
    .orderBy("created_at", "desc")
    .limit(limit);
  query = own ? query.where((eb) => eb.or([eb("stadsdeel_id", "is", null), eb("stadsdeel_id", "=", own.stadsdeel_id)])) : query.where("stadsdeel_id", "is", null);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, subject: row.subject, paragraphs: row.body.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean), createdAt: row.created_at }));
}
