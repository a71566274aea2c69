import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/account";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { clearedSessionCookie } from "#app/features/auth/session.server.ts";
import { logOutEverywhere } from "#app/features/auth/users.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "account:manage");
  return {
    displayName: viewer.displayName,
    email: viewer.email,
    role: viewer.role,
    organisationName: viewer.organisationName,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "account:manage");
  const form = await request.formData();
  if (form.get("intent") === "logout-everywhere") {
    await logOutEverywhere(context.get(servicesContext), viewer);
    return redirect("/inloggen?melding=overal-uitgelogd", { headers: { "Set-Cookie": clearedSessionCookie() } });
  }
  const { t } = context.get(i18nContext);
  throw data({ message: t("errors.unknown_intent") }, { status: 400 });
}

export default function Account({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  return (
    <div className="stack">
      <PageTitle>{t("account.title")}</PageTitle>
      <Heading level={1}>{t("account.title")}</Heading>
      <dl className="utrecht-data-list">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("account.display_name")}</dt>
          <dd className="utrecht-data-list__item-value">{loaderData.displayName}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("account.email")}</dt>
          <dd className="utrecht-data-list__item-value">{loaderData.email}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("account.role")}</dt>
          <dd className="utrecht-data-list__item-value">{t(`common:roles.${loaderData.role}`)}</dd>
        </div>
        {loaderData.organisationName ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">{t("account.organisation")}</dt>
            <dd className="utrecht-data-list__item-value">{loaderData.organisationName}</dd>
          </div>
        ) : null}
      </dl>
      <Heading level={2}>{t("account.sessions_title")}</Heading>
      <Paragraph>{t("account.logout_everywhere_explanation")}</Paragraph>
      <Form method="post" reloadDocument>
        <input type="hidden" name="intent" value="logout-everywhere" />
        <Button appearance="secondary">{t("account.logout_everywhere")}</Button>
      </Form>
    </div>
  );
}
