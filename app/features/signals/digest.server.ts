import type { Viewer } from "#app/features/auth/viewer.ts";
import { mailT, renderMail } from "#app/features/mail/compose.server.ts";
import { kickMailOutbox, queueMail } from "#app/features/mail/outbox.server.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { AppServices } from "#app/services.server.ts";
import { withJobLock } from "#db/job-lock.ts";
import type { Role } from "#db/tables/auth.ts";
import { calendarDateOf, toIsoDate } from "#app/calendar/dates.ts";
import { MUNICIPAL_TIME_ZONE } from "#app/calendar/time-zone.ts";
import { workflowSide, workflowSides, type WorkflowSide } from "./workflow.ts";

// Once a day (from 07:00 in the municipality's time zone) each team — the
// gemeente's staff and the police — gets one mail: how many open signals in
// its scope are past their deadline, and how many arrived since the day
// before, with a link to the inbox. Counts only: no free text, no wijk, no
// organisation leaves the application by mail (decision 0213). In each
// person's language (staff read Dutch or English, decision 0010); a person can
// switch it off on their account page. The day is claimed in the transaction
// that queues the mails, so it goes out once however many instances run.
//
// This module reaches the translations (through mail/compose.server.ts): the
// server takes the job from its build (app/entry.server.tsx, server/index.ts).

export const DIGEST_HOUR = 7;
const hourFormat = new Intl.DateTimeFormat("en-GB", { timeZone: MUNICIPAL_TIME_ZONE, hour: "2-digit", hourCycle: "h23" });
const DAY_MS = 24 * 60 * 60 * 1000;

const staffLanguages = ["nl", "en"] as const satisfies readonly Language[];

/** Staff pages are in Dutch and English: another saved language gets English (decision 0010). */
function staffLanguage(saved: string | null): Language {
  if (saved === null) return "nl";
  return (staffLanguages as readonly string[]).includes(saved) ? (saved as Language) : "en";
}

export interface DigestRun {
  sent: { team: WorkflowSide; overdue: number; new: number; recipients: number }[];
}

/** The digests due now (none before 07:00, none twice a day); safe to run often and on several instances. */
export async function sendSignalDigests(services: AppServices): Promise<DigestRun> {
  const now = services.clock.now();
  const run: DigestRun = { sent: [] };
  if (Number(hourFormat.format(now)) < DIGEST_HOUR) return run;
  const day = toIsoDate(calendarDateOf(now));
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const origin = services.config.publicUrl ?? `http://localhost:${services.config.port}`;
  const municipalityId = services.municipality.id;

  for (const team of workflowSides) {
    const sent = await services.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("signal_digests")
        .values({ municipality_id: municipalityId, team, day, overdue: 0, new: 0, recipients: 0, sent_at: now.toISOString() })
        .onConflict((oc) => oc.columns(["municipality_id", "team", "day"]).doNothing())
        .returning("day")
        .executeTakeFirst();
      if (!claimed) return null;
      let scope = trx.selectFrom("signals").where("municipality_id", "=", municipalityId);
      if (team === "police") scope = scope.where("recipients", "in", ["politie", "both"]);
      const counts = await scope
        .select((eb) => [
          eb.fn.sum<number>(eb.case().when(eb.and([eb("status", "!=", "handled"), eb("due_at", "<", now.toISOString())])).then(1).else(0).end()).as("overdue"),
          eb.fn.sum<number>(eb.case().when("received_at", ">=", since).then(1).else(0).end()).as("new"),
        ])
        .executeTakeFirstOrThrow();
      const overdue = Number(counts.overdue ?? 0);
      const fresh = Number(counts.new ?? 0);
      const people = await trx
        .selectFrom("users")
        .leftJoin("signal_digest_optouts", "signal_digest_optouts.user_id", "users.id")
        .select(["users.email", "users.display_name", "users.language", "users.role"])
        .where("users.municipality_id", "=", municipalityId)
        .where("users.deactivated_at", "is", null)
        .where("users.role", "!=", "ambassador")
        .where("signal_digest_optouts.user_id", "is", null)
        .execute();
      const recipients = overdue + fresh === 0 ? [] : people.filter((p) => workflowSide({ role: p.role as Role }) === team);
      for (const person of recipients) {
        const language = staffLanguage(person.language);
        const { t } = mailT(language);
        const mail = renderMail(language, services.municipality.name, {
          subject: t("signal_digest.subject", { overdue, new: fresh }),
          greeting: t("signal_digest.greeting", { name: person.display_name }),
          before: [t(`signal_digest.team_${team}`), t("signal_digest.overdue", { count: overdue }), t("signal_digest.new", { count: fresh })],
          action: { label: t("signal_digest.action"), url: `${origin}/signalen?sorteer=due` },
          after: [t("signal_digest.opt_out", { url: `${origin}/account` })],
        });
        await queueMail({ db: trx, clock: services.clock, config: services.config }, { kind: "signal_digest", to: person.email, ...mail });
      }
      await trx
        .updateTable("signal_digests")
        .set({ overdue, new: fresh, recipients: recipients.length })
        .where("municipality_id", "=", municipalityId)
        .where("team", "=", team)
        .where("day", "=", day)
        .execute();
      return { team, overdue, new: fresh, recipients: recipients.length };
    });
    if (sent) run.sent.push(sent);
  }
  if (run.sent.some((s) => s.recipients > 0)) kickMailOutbox(services);
  return run;
}

/** Runs the digest job now and every interval while the server runs; returns a stop function. */
export function scheduleSignalDigests(services: AppServices, intervalMs = 15 * 60_000): () => void {
  const run = () =>
    services.tasks.run("signal digests", async () => {
      const outcome = await withJobLock(services.db, "signal-digests", () => sendSignalDigests(services));
      if (outcome.ran && outcome.result.sent.length > 0) services.log.info("signal digests queued", { teams: outcome.result.sent.length });
    });
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Whether this person gets the daily digest (staff on a workflow side, not switched off). */
export async function digestSetting(services: Pick<AppServices, "db">, viewer: Viewer): Promise<boolean | null> {
  if (!workflowSide(viewer)) return null;
  const off = await services.db.selectFrom("signal_digest_optouts").select("user_id").where("user_id", "=", viewer.id).executeTakeFirst();
  return !off;
}

/** Switches the digest on or off for this person. */
export async function setDigest(services: Pick<AppServices, "db" | "clock">, viewer: Viewer, on: boolean): Promise<boolean> {
  if (!workflowSide(viewer)) return false;
  if (on) await services.db.deleteFrom("signal_digest_optouts").where("user_id", "=", viewer.id).execute();
  else
    await services.db
      .insertInto("signal_digest_optouts")
      .values({ user_id: viewer.id, created_at: services.clock.now().toISOString() })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
  return true;
}
