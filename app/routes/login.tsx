import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/login";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, requestInfoContext, servicesContext, viewerContext } from "#app/context.server.ts";
import { coordinatorContact, type HelpContact } from "#app/features/auth/help-contact.server.ts";
import { logIn, LOGIN_WARNING_FROM } from "#app/features/auth/login.server.ts";
import { safeReturnPath, sameOriginPath } from "#app/features/auth/safe-path.ts";
import { loginSchema } from "#app/features/auth/schemas.ts";
import { isStaff } from "#app/features/auth/authorization.ts";
import { describeDevice, readSessionToken, sessionCookie } from "#app/features/auth/session.server.ts";
import { hashToken } from "#app/features/auth/token-hash.server.ts";
import { PasskeyButton } from "#app/features/second-factor/passkey-button.tsx";
import { formatClockTime } from "#app/calendar/format.ts";
import { retryAfterSeconds } from "#app/features/rate-limit/rate-limit.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { forwardHeaders } from "#app/http/forward-headers.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export const headers = forwardHeaders;

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  if (context.get(viewerContext)) throw redirect(safeReturnPath(url.searchParams.get("terug")));
  return {
    returnTo: sameOriginPath(url.searchParams.get("terug")) ?? "",
    notice: url.searchParams.get("melding"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  const form = await request.formData();
  const parsed = parseForm(loginSchema, form, t);
  if (!parsed.success) {
    return data({ fieldErrors: parsed.fieldErrors, formError: null, warning: null, help: null, values: parsed.values }, { status: 400 });
  }
  const { clientAddress } = context.get(requestInfoContext);
  const previousToken = readSessionToken(request.headers.get("cookie"));
  const result = await logIn(services, {
    email: parsed.data.email,
    password: parsed.data.password,
    clientAddress,
    device: describeDevice(request.headers.get("user-agent")),
    previousSessionId: previousToken ? hashToken(previousToken) : null,
  });
  const values = { email: parsed.data.email };
  const help: HelpContact = coordinatorContact(services);
  const lockMinutes = Math.round(services.config.login.windowMs / 60_000);
  switch (result.status) {
    case "ok": {
      // Staff go on to the second step (an authenticator-app code or a passkey) first.
      const next = safeReturnPath(parsed.data.terug);
      const target = isStaff(result.role) ? `/tweede-stap?terug=${encodeURIComponent(next)}` : next;
      return redirect(target, {
        headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt, services.clock.now()) },
      });
    }
    case "throttled": {
      const now = services.clock.now();
      const minutes = Math.max(1, Math.ceil((result.retryAt.getTime() - now.getTime()) / 60_000));
      return data(
        {
          fieldErrors: {},
          formError: t("auth:login.throttled", { time: formatClockTime(result.retryAt, language), count: minutes }),
          warning: null,
          help,
          values,
        },
        { status: 429, headers: { "Retry-After": String(retryAfterSeconds(result.retryAt, now)) } },
      );
    }
    case "deactivated":
      return data({ fieldErrors: {}, formError: t("auth:login.deactivated"), warning: null, help, values }, { status: 403 });
    case "invalid": {
      // Counted per address typed, account or not: the warning says nothing about whether it exists.
      const warning =
        result.attemptsLeft <= LOGIN_WARNING_FROM ? t("auth:login.warning", { count: result.attemptsLeft, minutes: lockMinutes }) : null;
      return data({ fieldErrors: {}, formError: t("auth:login.invalid"), warning, help: null, values }, { status: 400 });
    }
  }
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  return (
    <div className="stack">
      <PageTitle>{t("login.title")}</PageTitle>
      <Heading level={1}>{t("login.title")}</Heading>
      <Paragraph>{t("login.intro")}</Paragraph>
      {loaderData.notice === "uitgelogd" ? <Alert kind="ok">{t("logout.done")}</Alert> : null}
      {loaderData.notice === "overal-uitgelogd" ? <Alert kind="ok">{t("account.logged_out_everywhere")}</Alert> : null}
      <ErrorSummary
        id="login-error"
        items={[...errorSummaryItems(actionData, ["email", "password"]), ...(actionData?.warning ? [{ message: actionData.warning }] : [])]}
        answer={actionData}
      >
        {actionData?.help ? <HelpContactText contact={actionData.help} /> : null}
      </ErrorSummary>
      <Form method="post" className="form-stack" noValidate aria-describedby={actionData?.formError ? "login-error" : undefined}>
        <input type="hidden" name="terug" value={loaderData.returnTo} />
        <TextField
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          defaultValue={actionData?.values?.email ?? ""}
          errors={errors?.email}
        />
        <TextField
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={errors?.password}
        />
        <div className="actions">
          <Button busy={busy} disabled={busy}>
            {busy ? t("login.submitting") : t("login.submit")}
          </Button>
        </div>
      </Form>
      <Paragraph><a className="utrecht-link" href="/wachtwoord-vergeten">{t("login.forgot_password")}</a></Paragraph>
      <PasskeyButton mode="login" returnTo={loaderData.returnTo} label={t("security:passkeys.login")} />
      <Paragraph className="muted">{t("login.no_account")}</Paragraph>
    </div>
  );
}

/** How to get help when logging in does not work: the coordinator's contact from the municipality's settings. */
function HelpContactText({ contact }: { contact: HelpContact }) {
  const { t } = useTranslation("auth");
  if (!contact.email && !contact.phone) return <p className="utrecht-paragraph">{t("login.help_no_contact")}</p>;
  return (
    <>
      <p className="utrecht-paragraph">{t("login.help")}</p>
      <ul className="utrecht-unordered-list">
        {contact.email ? (
          <li>
            {t("login.help_email")}{" "}
            <a className="utrecht-link" href={`mailto:${contact.email}`} dir="ltr">
              {contact.email}
            </a>
          </li>
        ) : null}
        {contact.phone ? (
          <li>
            {t("login.help_phone")}{" "}
            <a className="utrecht-link" href={`tel:${contact.phone.replace(/[^+0-9]/g, "")}`} dir="ltr">
              {contact.phone}
            </a>
          </li>
        ) : null}
      </ul>
    </>
  );
}
