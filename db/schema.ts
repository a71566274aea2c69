import type { AppTables } from "./tables/app.ts";
import type { AreaTables } from "./tables/areas.ts";
import type { AuditTables } from "./tables/audit.ts";
import type { AuthTables } from "./tables/auth.ts";
import type { DashboardTables } from "./tables/dashboard.ts";
import type { NetworkTables } from "./tables/network.ts";
import type { OrganisationTables } from "./tables/organisations.ts";
import type { SignalTables } from "./tables/signals.ts";
import type { SignalResponseTables } from "./tables/signal-responses.ts";
import type { SituationTables } from "./tables/situations.ts";
import type { ReferralReachTables } from "./tables/referral-reach.ts";
import type { SecondFactorTables } from "./tables/second-factor.ts";
import type { MailTables } from "./tables/mail.ts";
import type { TrainingTables } from "./tables/training.ts";
import type { ProgrammeTables } from "./tables/programme.ts";
import type { QuestionnaireTables } from "./tables/questionnaire.ts";
import type { NewsletterTables } from "./tables/newsletter.ts";
import type { WarningTables } from "./tables/warnings.ts";

// Each capability declares its own tables in db/tables/; this is the whole
// database as Kysely sees it.
export interface Database
  extends AppTables,
    AreaTables,
    OrganisationTables,
    AuthTables,
    AuditTables,
    SignalTables,
    SignalResponseTables,
    NetworkTables,
    ReferralReachTables,
    SecondFactorTables,
    DashboardTables,
    WarningTables,
    MailTables,
    TrainingTables,
    ProgrammeTables,
    QuestionnaireTables,
    NewsletterTables,
    SituationTables {}
