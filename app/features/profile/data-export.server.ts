import type { AppServices } from "#app/services.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { listActionsByActor, recordAudit } from "#app/features/audit/audit.server.ts";
import { readOwnAccountData } from "#app/features/auth/account.server.ts";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { getOrganisation } from "#app/features/organisations/organisations.server.ts";
import { getNotificationWijken } from "./notification-preferences.server.ts";
import { listOwnSubscriptions } from "#app/features/warnings/push.server.ts";
import { listOwnSentSignals } from "#app/features/signals/reading.server.ts";
import { ownTrainingRecord } from "#app/features/training/training.server.ts";
import { ownQuestionnaireRounds } from "#app/features/questionnaire/questionnaire.server.ts";
import { isSubscribedToMonthlyMail } from "#app/features/programme/monthly-mail-choice.server.ts";
import { responseMailOptIn } from "#app/features/signal-responses/responses.server.ts";

// The volunteer's right of access (GDPR art. 15): everything Wijkwijs keeps
// about them, as JSON and as a page to read. Only their own rows: no names or addresses of the
// people who invited or manage them, and their actions without their targets.

export const DATA_EXPORT_FORMAT = "wijkwijs-gegevens/1";

export async function buildDataExport(services: Pick<AppServices, "db" | "clock" | "config">, viewer: Viewer) {
  const account = await readOwnAccountData(services, viewer);
  const organisation = account.organisationId ? await getOrganisation(services, viewer.municipalityId, account.organisationId) : null;
  const choice = await getNotificationWijken(services, { ...viewer, organisationId: account.organisationId });
  const wijkNames = new Map((await listAreas(services, viewer.municipalityId)).flatMap((sd) => sd.wijken.map((w) => [w.id, w.name])));
  const activity = await listActionsByActor(services, viewer.id);
  const exportedAt = services.clock.now().toISOString();
  await recordAudit(services, { actor: viewer, action: "account.exported", target: { type: "user", id: viewer.id } });
  return {
    format: DATA_EXPORT_FORMAT,
    exportedAt,
    profile: {
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      language: account.language,
      createdAt: account.createdAt,
      lastActiveAt: account.lastActiveAt,
      organisation: organisation
        ? { name: organisation.name, wijk: organisation.wijkName, stadsdeel: organisation.stadsdeelName }
        : null,
      invitation: account.invitation,
    },
    sessions: account.sessions,
    preferences: {
      language: account.language,
      notificationWijken: choice.wijkIds.map((id) => ({ id, name: wijkNames.get(id) ?? id })),
      notificationWijkenChosen: choice.chosen,
      pushDevices: await listOwnSubscriptions(services, viewer.id),
      monthlyOverviewByMail: await isSubscribedToMonthlyMail(services, viewer.id),
      /** An e-mail when the gemeente responds to a signal they sent (ambassadors; null for staff). */
      signalResponsesByMail: await responseMailOptIn(services, viewer),
    },
    signals: await listOwnSentSignals(services, viewer),
    activity,
    training: await ownTrainingRecord(services, viewer.id),
    /** Questionnaire rounds taken part in; the answers themselves are kept only as anonymous totals. */
    questionnairesAnswered: await ownQuestionnaireRounds(services, viewer.id),
  };
}

export type DataExport = Awaited<ReturnType<typeof buildDataExport>>;
