import type { Kysely } from "kysely";
import type { Database } from "#db/schema.ts";
import type { BackgroundTasks } from "./background-tasks.server.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.server.ts";
import type { HelpContent } from "./features/content/content.server.ts";
import type { TrainingContent } from "./features/training/training-content.server.ts";
import type { Questionnaire } from "./features/questionnaire/content.server.ts";
import type { ChecklistItem } from "./features/situations/checklist.server.ts";
import type { ResponseTemplates } from "./features/signal-responses/templates.server.ts";
import type { Logger } from "./log.server.ts";

export interface MunicipalityInfo {
  id: string;
  slug: string;
  name: string;
  suppressionThreshold: number;
  /** Who people ask for help with their account (e.g. when a login is locked); from the municipality's content file. */
  coordinatorContact?: { email: string | null; phone: string | null };
  /** Whether /ambassadeurs says "gecertificeerd" at places where a certified ambassador helps (the municipality's choice). */
  showCertifiedPublicly?: boolean;
  /** The data protection officer residents and ambassadors may write to; from the municipality's content file. */
  privacyOfficer?: { email: string | null; url: string | null };
}

/** Long-lived dependencies of every loader and action, created once at start. */
export interface AppServices {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Installation secret for HMACs (rate-limit keys); generated on first start. */
  secret: string;
  municipality: MunicipalityInfo;
  /** Flows, tips, referral organisations and phenomena from content/, checked at start. */
  content: HelpContent;
  /** Training modules for ambassadors from content/training/, checked at start against the help content. */
  training: TrainingContent;
  /** The ambassadors' anonymous questionnaire from content/questionnaire.json, checked at start. */
  questionnaire: Questionnaire;
  /** Templates for responses to a signal's sender, from content/response-templates.json, checked at start. */
  responseTemplates: ResponseTemplates;
  /** The mayor's approach in an acute situation, from content/situations/checklist.json, checked at start. */
  situationChecklist: readonly ChecklistItem[];
  /** Work a request starts without waiting for it (e.g. counting a referral visit). */
  tasks: BackgroundTasks;
}
