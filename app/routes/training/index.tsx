import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/index";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { trainingOverview } from "#app/features/training/views.server.ts";
import { isolated } from "#app/i18n/bidi.tsx";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "training:take");
  return trainingOverview(context.get(servicesContext), viewer, context.get(i18nContext).language);
}

const badge = { passed: "success", in_progress: "warning", not_passed: "warning", not_started: "inactive" } as const;

export default function TrainingOverview({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("training");
  const { certificate } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{t("overview.title")}</PageTitle>
      <Heading level={1}>{t("overview.title")}</Heading>
      <Paragraph lead>{t("overview.intro")}</Paragraph>
      <div className="utrecht-alert utrecht-alert--info" data-testid="certificate-status">
        <div className="utrecht-alert__content">
          <div className="utrecht-alert__message">
            {certificate?.valid ? (
              <>
                <Paragraph>
                  {isolated(t, certificate.renewSoon ? "overview.renew_soon" : "overview.certified_until", { date: <Ltr>{certificate.validUntilLabel}</Ltr> })}
                </Paragraph>
                <Paragraph>
                  <Link className="utrecht-link" to="/training/certificaat">
                    {t("overview.certificate_link")}
                  </Link>
                </Paragraph>
              </>
            ) : certificate ? (
              <Paragraph>{isolated(t, "overview.expired", { date: <Ltr>{certificate.validUntilLabel}</Ltr> })}</Paragraph>
            ) : (
              <Paragraph>{isolated(t, "overview.not_yet", { count: <Ltr>{String(loaderData.basicCount)}</Ltr> })}</Paragraph>
            )}
          </div>
        </div>
      </div>
      <Heading level={2}>{t("overview.modules_heading")}</Heading>
      <ul className="training-modules" data-testid="training-modules">
        {loaderData.modules.map((module) => (
          <li key={module.id} className="training-module">
            <Heading level={3}>
              <Link className="utrecht-link" to={`/training/${module.id}`}>
                {module.title}
              </Link>
            </Heading>
            <Paragraph>{module.summary}</Paragraph>
            <Paragraph>
              <span className="utrecht-status-badge">{t(module.basic ? "overview.basic" : "overview.optional")}</span>{" "}
              <span className={`utrecht-status-badge utrecht-status-badge--${badge[module.status]}`} data-testid={`status-${module.id}`}>
                {t(`overview.status.${module.status}`)}
              </span>
              {module.bestScore !== null ? (
                <>
                  {" "}
                  <span>
                    {isolated(t, "overview.best_score", { score: <Ltr>{String(module.bestScore)}</Ltr>, total: <Ltr>{String(module.total)}</Ltr> })}
                  </span>
                </>
              ) : null}
            </Paragraph>
          </li>
        ))}
      </ul>
    </div>
  );
}
