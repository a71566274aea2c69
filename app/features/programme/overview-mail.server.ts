import type { AppServices } from "#app/services.server.ts";
import { mailLanguage, mailT, renderMail } from "#app/features/mail/compose.server.ts";
import { kickMailOutbox, queueMail } from "#app/features/mail/outbox.server.ts";
import { withJobLock } from "#db/job-lock.ts";
import { monthlyOverview, overviewMonths } from "./monthly-overview.server.ts";
import { figureText } from "./protected-figures.server.ts";

// The monthly overview by e-mail, only for those who chose it on
// /mijn-overzicht. Once a month is complete, each subscriber gets that
// month's overview (the same protected figures as the page), queued in the
// outbox (decision 0800) in the transaction that records it as sent — so once,
// however many instances run the job. Someone who subscribes mid-month gets
// the last complete month's overview at the next run.
//
// This module reaches the translations (through mail/compose.server.ts), which
// only a Vite build can load: the server takes the job from its build (see
// app/entry.server.tsx and server/index.ts).

export interface MonthlyMailRun {
  month: string;
  queued: number;
}

/** Queues the last complete month's overview for every subscriber who has not had it; safe to run often. */
export async function sendMonthlyOverviewMails(services: AppServices): Promise<MonthlyMailRun> {
  const month = overviewMonths(services)[0]!;
  const due = await services.db
    .selectFrom("monthly_overview_subscribers")
    .innerJoin("users", "users.id", "monthly_overview_subscribers.user_id")
    .leftJoin("monthly_overview_mails", (join) =>
      join.onRef("monthly_overview_mails.user_id", "=", "users.id").on("monthly_overview_mails.month", "=", month),
    )
    .select(["users.id", "users.email", "users.display_name", "users.language", "users.municipality_id", "users.organisation_id"])
    .where("monthly_overview_mails.user_id", "is", null)
    .where("users.deactivated_at", "is", null)
    .where("users.role", "=", "ambassador")
    .where("users.organisation_id", "is not", null)
    .where("users.municipality_id", "=", services.municipality.id)
    .execute();
  const origin = services.config.publicUrl ?? `http://localhost:${services.config.port}`;
  let queued = 0;
  for (const person of due) {
    const language = mailLanguage(person.language, null);
    const overview = await monthlyOverview(services, { id: person.id, municipalityId: person.municipality_id, organisationId: person.organisation_id }, language, month);
    if (!overview) continue;
    const sent = await services.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("monthly_overview_mails")
        .values({ user_id: person.id, month, queued_at: services.clock.now().toISOString() })
        .onConflict((oc) => oc.columns(["user_id", "month"]).doNothing())
        .returning("user_id")
        .executeTakeFirst();
      if (!claimed) return false;
      const { t } = mailT(language);
      const mail = renderMail(language, services.municipality.name, {
        subject: t("monthly_overview.subject", { month }),
        greeting: t("monthly_overview.greeting", { name: person.display_name }),
        before: [
          t("monthly_overview.intro", { month, threshold: services.municipality.suppressionThreshold }),
          t("monthly_overview.sent", { count: figureText(overview.sent) }),
          t("monthly_overview.responded", { count: figureText(overview.responded) }),
          t("monthly_overview.warnings", { count: figureText(overview.warnings) }),
          ...(overview.phenomena.length
            ? [t("monthly_overview.phenomena_intro"), ...overview.phenomena.map((p) => `– ${p.label}: ${figureText(p.cityWide)}`)]
            : [t("monthly_overview.phenomena_none")]),
        ],
        action: { label: t("monthly_overview.action"), url: `${origin}/mijn-overzicht?maand=${month}` },
        after: [t("monthly_overview.stop")],
      });
      await queueMail({ db: trx, clock: services.clock, config: services.config }, { kind: "monthly_overview", to: person.email, ...mail });
      return true;
    });
    if (sent) queued++;
  }
  if (queued > 0) kickMailOutbox(services);
  return { month, queued };
}

/** Runs the job now and every interval while the server runs; returns a stop function. */
export function scheduleMonthlyOverviewMails(services: AppServices, intervalMs = 60 * 60_000): () => void {
  const run = () =>
    services.tasks.run("monthly overview mails", async () => {
      const outcome = await withJobLock(services.db, "monthly-overview-mails", () => sendMonthlyOverviewMails(services));
      if (outcome.ran && outcome.result.queued > 0) services.log.info("monthly overview mails queued", { month: outcome.result.month, queued: outcome.result.queued });
    });
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
