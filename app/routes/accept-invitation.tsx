import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/accept-invitation";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, requestInfoContext, servicesContext, viewerContext } from "#app/context.server.ts";
import { forwardHeaders } from "#app/http/forward-headers.ts";
import { acceptInvitation, countAcceptAttempt, findInvitationByToken, type InvitationStatus } from "#app/features/auth/invitations.server.ts";
import { PASSWORD_MIN_LENGTH } from "#app/features/auth/password-policy.ts";
import { acceptInvitationSchema } from "#app/features/auth/schemas.ts";
import { describeDevice, sessionCookie } from "#app/features/auth/session.server.ts";
import { formValues, parseForm } from "#app/forms/parse-form.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import { isolated } from "#app/i18n/bidi.tsx";

export const handle: RouteHandle = { languages: "ambassador" };

type Unusable = Exclude<InvitationStatus, "open"> | "not_found";

const statusCode: Record<Unusable, number> = { not_found: 404, accepted: 410, expired: 410, revoked: 410 };

export const headers = forwardHeaders;

export async function loader({ params, context }: Route.LoaderArgs) {
  const services = context.get(servicesContext);
  const invitation = await findInvitationByToken(services, params.token);
  const viewer = context.get(viewerContext);
  if (!invitation || invitation.status !== "open") {
    const problem: Unusable = invitation ? (invitation.status as Unusable) : "not_found";
    return data({ problem, invitation: null, loggedInAs: viewer?.displayName ?? null }, { status: statusCode[problem] });
  }
  return {
    problem: null,
    invitation: { email: invitation.email, role: invitation.role, organisationName: invitation.organisationName },
    loggedInAs: viewer?.displayName ?? null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  const form = await request.formData();
  const wait = await countAcceptAttempt(services, context.get(requestInfoContext).clientAddress);
  if (wait !== null) {
    return data(
      { fieldErrors: {}, formError: t("auth:invitation.rate_limited", { count: Math.ceil(wait / 60) }), values: formValues(form) },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const parsed = parseForm(acceptInvitationSchema, form, t);
  if (!parsed.success) {
    return data({ fieldErrors: parsed.fieldErrors, formError: null, values: parsed.values }, { status: 400 });
  }
  const result = await acceptInvitation(
    services,
    params.token,
    { displayName: parsed.data.displayName, password: parsed.data.password, language },
    describeDevice(request.headers.get("user-agent")),
  );
  if (!result.ok) {
    const status = result.error === "not_found" ? 404 : result.error === "already_registered" ? 409 : 410;
    return data(
      { fieldErrors: {}, formError: t(`auth:invitation.problem.${result.error}`), values: formValues(form) },
      { status },
    );
  }
  // A new ambassador starts with the short introduction; staff go straight to their start page.
  return redirect(result.role === "ambassador" ? "/welkom?nieuw=1" : "/start?welkom=1", {
    headers: { "Set-Cookie": sessionCookie(result.sessionToken, result.sessionExpiresAt, services.clock.now()) },
  });
}

export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  if (loaderData.problem) {
    return (
      <div className="stack">
        <PageTitle>{t("invitation.unusable_title")}</PageTitle>
        <Heading level={1}>{t("invitation.unusable_title")}</Heading>
        {/* Too many attempts says so, rather than what this particular link is. */}
        {actionData?.formError ? (
          <ErrorSummary items={errorSummaryItems(actionData, [])} answer={actionData} />
        ) : (
          <Alert kind="warning">{t(`invitation.problem.${loaderData.problem}`)}</Alert>
        )}
        <Paragraph>{t("invitation.ask_again")}</Paragraph>
      </div>
    );
  }
  const invitation = loaderData.invitation!;
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  return (
    <div className="stack">
      <PageTitle>{t("invitation.title")}</PageTitle>
      <Heading level={1}>{t("invitation.title")}</Heading>
      <Paragraph>
        {invitation.organisationName
          ? isolated(t, "invitation.intro_ambassador", { organisation: invitation.organisationName })
          : t("invitation.intro_staff", { role: t(`common:roles.${invitation.role}`) })}
      </Paragraph>
      {loaderData.loggedInAs ? <Alert kind="info">{isolated(t, "invitation.logged_in_note", { name: loaderData.loggedInAs })}</Alert> : null}
      <ErrorSummary items={errorSummaryItems(actionData, ["displayName", "password", "passwordConfirmation"])} answer={actionData} />
      <Form method="post" className="form-stack" noValidate>
        <TextField label={t("invitation.email")} name="email" value={invitation.email} readOnly autoComplete="username" />
        <TextField
          label={t("invitation.display_name")}
          description={t("invitation.display_name_hint")}
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={80}
          defaultValue={actionData?.values?.displayName ?? ""}
          errors={errors?.displayName}
        />
        <TextField
          label={t("invitation.password")}
          description={t("password.hint", { count: PASSWORD_MIN_LENGTH })}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          errors={errors?.password}
        />
        <TextField
          label={t("invitation.password_confirmation")}
          name="passwordConfirmation"
          type="password"
          autoComplete="new-password"
          required
          errors={errors?.passwordConfirmation}
        />
        <div className="actions">
          <Button busy={busy} disabled={busy}>
            {t("invitation.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
