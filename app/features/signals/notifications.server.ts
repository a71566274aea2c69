import type { Kysely, Transaction } from "kysely";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { mailT, renderMail } from "#app/features/mail/compose.server.ts";
import { queueMail } from "#app/features/mail/outbox.server.ts";
import { enqueuePush } from "#app/features/warnings/push.server.ts";
import type { Language } from "#app/i18n/languages.ts";
import type { AppServices } from "#app/services.server.ts";
import type { Database } from "#db/schema.ts";
import { staffNotificationChannels, type StaffNotificationChannel } from "#db/tables/signals.ts";
import { workflowSide } from "./workflow.ts";

// Notifications to staff about their signal work: when a signal is assigned
// to them by someone else, an e-mail and a push to their devices, each
// switchable on the account page. Queued in the assignment's own transaction
// (the outbox and the push queue deliver them), so a refused or rolled-back
// assignment notifies nobody. Like the digest (decision 0213) they carry no
// content of the signal: a link to it, which asks for a login.

type Db = Kysely<Database> | Transaction<Database>;

function staffLanguage(saved: string | null): Language {
  if (saved === null) return "nl";
  return saved === "nl" || saved === "en" ? saved : "en";
}

export async function notifyAssigned(
  db: Db,
  services: Pick<AppServices, "clock" | "config" | "municipality">,
  assigner: Viewer,
  assigneeId: string,
  signalId: string,
): Promise<void> {
  if (assigneeId === assigner.id) return;
  const person = await db.selectFrom("users").select(["id", "email", "display_name", "language"]).where("id", "=", assigneeId).where("deactivated_at", "is", null).executeTakeFirst();
  if (!person) return;
  const off = new Set((await db.selectFrom("staff_notification_optouts").select("channel").where("user_id", "=", assigneeId).execute()).map((r) => r.channel));
  const language = staffLanguage(person.language);
  const { t } = mailT(language);
  const origin = services.config.publicUrl ?? `http://localhost:${services.config.port}`;
  const path = `/signalen/${signalId}`;
  if (!off.has("assigned_mail")) {
    const mail = renderMail(language, services.municipality.name, {
      subject: t("signal_assigned.subject"),
      greeting: t("signal_assigned.greeting", { name: person.display_name }),
      before: [t("signal_assigned.body", { name: assigner.displayName })],
      action: { label: t("signal_assigned.action"), url: `${origin}${path}` },
      after: [t("signal_assigned.opt_out", { url: `${origin}/account` })],
    });
    await queueMail({ db, clock: services.clock, config: services.config }, { kind: "signal_assigned", to: person.email, ...mail });
  }
  if (!off.has("assigned_push")) {
    await enqueuePush(db, services.clock.now(), [person.id], { title: t("signal_assigned.subject"), body: t("signal_assigned.push_body"), url: path, tag: `signal-${signalId}`, lang: language });
  }
}

/** Which notifications this person gets; null for someone without signal work. */
export async function notificationSettings(services: Pick<AppServices, "db">, viewer: Viewer): Promise<Record<StaffNotificationChannel, boolean> | null> {
  if (!workflowSide(viewer)) return null;
  const off = new Set((await services.db.selectFrom("staff_notification_optouts").select("channel").where("user_id", "=", viewer.id).execute()).map((r) => r.channel));
  return Object.fromEntries(staffNotificationChannels.map((c) => [c, !off.has(c)])) as Record<StaffNotificationChannel, boolean>;
}

export async function setNotificationSettings(services: Pick<AppServices, "db" | "clock">, viewer: Viewer, on: Record<StaffNotificationChannel, boolean>): Promise<boolean> {
  if (!workflowSide(viewer)) return false;
  await services.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("staff_notification_optouts").where("user_id", "=", viewer.id).execute();
    const off = staffNotificationChannels.filter((c) => !on[c]);
    if (off.length) await trx.insertInto("staff_notification_optouts").values(off.map((channel) => ({ user_id: viewer.id, channel, created_at: services.clock.now().toISOString() }))).execute();
  });
  return true;
}
