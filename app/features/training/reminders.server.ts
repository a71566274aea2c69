import type { AppServices } from "#app/services.server.ts";
import { isolate, mailLanguage, mailT, renderMail } from "#app/features/mail/compose.server.ts";
import { kickMailOutbox, queueMail } from "#app/features/mail/outbox.server.ts";
import { enqueuePush, kickPushQueue } from "#app/features/warnings/push.server.ts";
import { withJobLock } from "#db/job-lock.ts";
import { addMonths } from "./training.server.ts";
import { formatDay } from "#app/calendar/format.ts";

// A month before a certificate lapses its holder gets one reminder to take
// the basic modules again: an e-mail through the outbox and a push to each of
// their devices, both queued in the transaction that marks the reminder sent,
// so that it goes out exactly once however many instances run this job.
//
// This module reaches the translations (through mail/compose.server.ts), which
// only a Vite build can load: the server takes the job from its build (see
// app/entry.server.tsx and server/index.ts), never by importing it directly.

export interface ReminderRun {
  reminded: number;
}

/** Sends the reminders that are due; safe to run often and on several instances. */
export async function sendCertificateReminders(services: AppServices): Promise<ReminderRun> {
  const now = services.clock.now();
  // Due: lapsing within a month from now, not yet lapsed, not yet reminded.
  const horizon = addMonths(now, 1).toISOString();
  const due = await services.db
    .selectFrom("training_certificates")
    .innerJoin("users", "users.id", "training_certificates.user_id")
    .select(["users.id", "users.email", "users.display_name", "users.language", "training_certificates.valid_until"])
    .where("training_certificates.reminder_sent_at", "is", null)
    .where("training_certificates.valid_until", ">", now.toISOString())
    .where("training_certificates.valid_until", "<=", horizon)
    .where("users.deactivated_at", "is", null)
    .where("users.role", "=", "ambassador")
    .where("users.municipality_id", "=", services.municipality.id)
    .execute();
  const origin = services.config.publicUrl ?? `http://localhost:${services.config.port}`;
  let reminded = 0;
  for (const person of due) {
    const sent = await services.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("training_certificates")
        .set({ reminder_sent_at: now.toISOString() })
        .where("user_id", "=", person.id)
        .where("reminder_sent_at", "is", null)
        .where("valid_until", "=", person.valid_until)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const language = mailLanguage(person.language, null);
      const { t } = mailT(language);
      const date = formatDay(person.valid_until, language);
      const mail = renderMail(language, services.municipality.name, {
        subject: t("training_reminder.subject"),
        greeting: t("training_reminder.greeting", { name: person.display_name }),
        before: [t("training_reminder.body", { date: isolate(date, language) })],
        action: { label: t("training_reminder.action"), url: `${origin}/training` },
        after: [t("training_reminder.closing")],
      });
      await queueMail({ db: trx, clock: services.clock, config: services.config }, { kind: "training_reminder", to: person.email, ...mail });
      await enqueuePush(trx, now, [person.id], {
        title: t("training_reminder.push_title"),
        body: t("training_reminder.push_body", { date }),
        url: "/training",
        tag: "training-reminder",
        lang: language,
      });
      return true;
    });
    if (sent) reminded++;
  }
  if (reminded > 0) {
    kickMailOutbox(services);
    kickPushQueue(services);
  }
  return { reminded };
}

/** Runs the reminder job now and every interval while the server runs; returns a stop function. */
export function scheduleCertificateReminders(services: AppServices, intervalMs = 60 * 60_000): () => void {
  const run = () =>
    services.tasks.run("certificate reminders", async () => {
      const outcome = await withJobLock(services.db, "certificate-reminders", () => sendCertificateReminders(services));
      if (outcome.ran && outcome.result.reminded > 0) services.log.info("certificate reminders queued", { reminded: outcome.result.reminded });
    });
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
