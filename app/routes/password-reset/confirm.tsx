import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/confirm";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, requestInfoContext, servicesContext } from "#app/context.server.ts";
import { PASSWORD_MIN_LENGTH } from "#app/features/auth/password-policy.ts";
import { isStaff } from "#app/features/auth/authorization.ts";
import {
  completePasswordReset,
  countResetAttempt,
  findPasswordReset,
  type ResetLinkProblem,
} from "#app/features/password-reset/password-reset.server.ts";
import { newPasswordSchema } from "#app/features/password-reset/schemas.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { forwardHeaders } from "#app/http/forward-headers.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "resident" };
export const headers = forwardHeaders;

const problemStatus: Record<ResetLinkProblem, number> = { not_found: 404, used: 410, expired: 410 };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const found = await findPasswordReset(context.get(servicesContext), params.token);
  if (!found.ok) {
    // Where a successful change redirects to (post/redirect/get): the spent link now confirms the change.
    if (found.problem === "used" && new URL(request.url).searchParams.has("gewijzigd")) {
      return { problem: null, done: true, email: null, staff: found.role ? isStaff(found.role) : false };
    }
    return data({ problem: found.problem, done: false, email: null, staff: false }, { status: problemStatus[found.problem] });
  }
  return { problem: null, done: false, email: found.link.email, staff: isStaff(found.link.role) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  const { clientAddress, origin } = context.get(requestInfoContext);
  const form = await request.formData();
  const wait = await countResetAttempt(services, clientAddress);
  if (wait !== null) {
    return data(
      { fieldErrors: {}, formError: t("recovery:confirm.throttled", { count: Math.ceil(wait / 60) }), problem: null },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const parsed = parseForm(newPasswordSchema, form, t);
  if (!parsed.success) {
    return data({ fieldErrors: parsed.fieldErrors, formError: null, problem: null }, { status: 400 });
  }
  const result = await completePasswordReset(services, params.token, { password: parsed.data.password, language, origin });
  if (!result.ok) {
    return data(
      { fieldErrors: {}, formError: t(`recovery:confirm.problem.${result.problem}`), problem: result.problem },
      { status: problemStatus[result.problem] },
    );
  }
  // Built from the token, not request.url: a hydrated form posts to the route's ".data" URL.
  const query = new URLSearchParams({ gewijzigd: "1" });
  const chosen = new URL(request.url).searchParams.get("lang");
  if (chosen) query.set("lang", chosen);
  return redirect(`/wachtwoord-herstellen/${encodeURIComponent(params.token)}?${query.toString()}`, 303);
}

export default function PasswordResetConfirm({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("recovery");
  const localized = useLocalizedPath();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const loginLink = (
    <Paragraph>
      <a className="utrecht-link" href={localized("/inloggen")}>
        {t("confirm.to_login")}
      </a>
    </Paragraph>
  );
  if (loaderData.done) {
    return (
      <div className="stack">
        <PageTitle>{t("confirm.done_title")}</PageTitle>
        <Heading level={1}>{t("confirm.done_title")}</Heading>
        <Alert kind="ok">
          <Paragraph>{t("confirm.done_body")}</Paragraph>
        </Alert>
        {loaderData.staff ? <Paragraph>{t("confirm.staff_second_factor")}</Paragraph> : null}
        {loginLink}
      </div>
    );
  }
  const problem = actionData?.problem ?? loaderData.problem;
  if (problem) {
    return (
      <div className="stack">
        <PageTitle>{t("confirm.unusable_title")}</PageTitle>
        <Heading level={1}>{t("confirm.unusable_title")}</Heading>
        <Alert kind="warning">{t(`confirm.problem.${problem}`)}</Alert>
        <Paragraph>
          <a className="utrecht-link" href={localized("/wachtwoord-vergeten")}>
            {t("confirm.ask_again")}
          </a>
        </Paragraph>
        {loginLink}
      </div>
    );
  }
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  return (
    <div className="stack">
      <PageTitle>{t("confirm.title")}</PageTitle>
      <Heading level={1}>{t("confirm.title")}</Heading>
      <Paragraph>{t("confirm.intro")}</Paragraph>
      {loaderData.staff ? <Alert kind="info">{t("confirm.staff_second_factor")}</Alert> : null}
      {actionData?.formError ? <Alert kind="error">{actionData.formError}</Alert> : null}
      <Form method="post" className="form-stack" noValidate>
        <TextField label={t("confirm.email")} name="email" value={loaderData.email ?? ""} readOnly autoComplete="username" dir="ltr" />
        <TextField
          label={t("confirm.password")}
          description={t("confirm.password_hint", { count: PASSWORD_MIN_LENGTH })}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          errors={errors?.password}
        />
        <TextField
          label={t("confirm.password_confirmation")}
          name="passwordConfirmation"
          type="password"
          autoComplete="new-password"
          required
          errors={errors?.passwordConfirmation}
        />
        <div className="actions">
          <Button busy={busy} disabled={busy}>
            {t("confirm.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
