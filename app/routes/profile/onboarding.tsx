import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/onboarding";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import { isolated } from "#app/i18n/bidi.tsx";
import { onboardingSteps } from "#app/features/profile/onboarding.ts";
import { onboardingQuerySchema } from "#app/features/profile/schemas.ts";

export const handle: RouteHandle = { languages: "ambassador" };

// A short introduction for a new ambassador, right after accepting the
// invitation and at any time from the menu. One step per page, plain links:
// it reads well on a phone and works without JavaScript.

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "onboarding:view");
  const query = onboardingQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { step: query.stap, newAccount: query.nieuw === "1", organisationName: viewer.organisationName ?? "" };
}

export default function Onboarding({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("profile");
  const { step } = loaderData;
  const key = onboardingSteps[step - 1]!;
  const items = t(`onboarding.${key}.items`, { returnObjects: true, organisation: loaderData.organisationName }) as unknown;
  return (
    <div className="stack">
      <PageTitle>{`${t(`onboarding.${key}.title`)} · ${t("onboarding.title")}`}</PageTitle>
      {loaderData.newAccount ? <Alert kind="ok">{t("common:start.welcome")}</Alert> : null}
      <Paragraph className="onboarding-progress">{t("onboarding.progress", { step, total: onboardingSteps.length })}</Paragraph>
      <Heading level={1}>{t(`onboarding.${key}.title`)}</Heading>
      <Paragraph lead>{isolated(t, `onboarding.${key}.lead`, { organisation: loaderData.organisationName })}</Paragraph>
      {Array.isArray(items) ? (
        <ul className="utrecht-unordered-list">
          {items.map((item) => (
            <li key={String(item)} className="utrecht-unordered-list__item">
              {String(item)}
            </li>
          ))}
        </ul>
      ) : null}
      <Paragraph>{t(`onboarding.${key}.closing`)}</Paragraph>
      {key === "sharing" ? (
        <Paragraph>
          <a className="utrecht-link" href="/ambassadeurs">
            {t("onboarding.sharing.find_link")}
          </a>
        </Paragraph>
      ) : null}
      <nav aria-label={t("onboarding.steps_label")} className="actions">
        {step > 1 ? (
          <Link className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" to={`/welkom?stap=${step - 1}`}>
            {t("onboarding.previous")}
          </Link>
        ) : null}
        {step < onboardingSteps.length ? (
          <Link className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" to={`/welkom?stap=${step + 1}`}>
            {t("onboarding.next")}
          </Link>
        ) : (
          <Link className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" to="/start">
            {t("onboarding.finish")}
          </Link>
        )}
      </nav>
      {step === onboardingSteps.length ? <Paragraph className="muted">{t("onboarding.reopen_hint")}</Paragraph> : null}
    </div>
  );
}
