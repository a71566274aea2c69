import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/request";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, requestInfoContext, servicesContext } from "#app/context.server.ts";
import { formatClockTime } from "#app/calendar/format.ts";
import { mailReachesPeople } from "#app/features/mail/transport.server.ts";
import { requestPasswordReset } from "#app/features/password-reset/password-reset.server.ts";
import { passwordResetRequestSchema } from "#app/features/password-reset/schemas.ts";
import { retryAfterSeconds } from "#app/features/rate-limit/rate-limit.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { forwardHeaders } from "#app/http/forward-headers.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "resident" };
export const headers = forwardHeaders;

export async function loader({ context }: Route.LoaderArgs) {
  return { available: mailReachesPeople(context.get(servicesContext).config) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  if (!mailReachesPeople(services.config)) {
    return data({ sent: false as const, fieldErrors: {}, formError: t("recovery:request.unavailable"), values: { email: "" } }, { status: 503 });
  }
  const { clientAddress, origin } = context.get(requestInfoContext);
  const parsed = parseForm(passwordResetRequestSchema, await request.formData(), t);
  if (!parsed.success) {
    return data({ sent: false as const, fieldErrors: parsed.fieldErrors, formError: null, values: parsed.values }, { status: 400 });
  }
  const result = await requestPasswordReset(services, { email: parsed.data.email, clientAddress, language, origin });
  if (result.status === "throttled") {
    const now = services.clock.now();
    const minutes = Math.max(1, Math.ceil((result.retryAt.getTime() - now.getTime()) / 60_000));
    return data(
      {
        sent: false as const,
        fieldErrors: {},
        formError: t("recovery:request.throttled", { time: formatClockTime(result.retryAt, language), count: minutes }),
        values: { email: parsed.data.email },
      },
      { status: 429, headers: { "Retry-After": String(retryAfterSeconds(result.retryAt, now)) } },
    );
  }
  // The same words whether or not the address has an account.
  return { sent: true as const, email: parsed.data.email };
}

export default function PasswordResetRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("recovery");
  const localized = useLocalizedPath();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  if (actionData?.sent) {
    return (
      <div className="stack">
        <PageTitle>{t("request.sent_title")}</PageTitle>
        <Heading level={1}>{t("request.sent_title")}</Heading>
        <Alert kind="ok">
          <Paragraph>{t("request.sent_body", { email: actionData.email })}</Paragraph>
        </Alert>
        <Paragraph>{t("request.sent_not_received")}</Paragraph>
        <Paragraph>
          <a className="utrecht-link" href={localized("/inloggen")}>
            {t("request.back_to_login")}
          </a>
        </Paragraph>
      </div>
    );
  }
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  return (
    <div className="stack">
      <PageTitle>{t("request.title")}</PageTitle>
      <Heading level={1}>{t("request.title")}</Heading>
      {loaderData.available ? <Paragraph>{t("request.intro")}</Paragraph> : <Alert kind="warning">{t("request.unavailable")}</Alert>}
      {actionData?.formError ? (
        <Alert kind="error" id="reset-error">
          {actionData.formError}
        </Alert>
      ) : null}
      <Form method="post" className="form-stack" noValidate aria-describedby={actionData?.formError ? "reset-error" : undefined}>
        <TextField
          label={t("request.email")}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          defaultValue={actionData?.values?.email ?? ""}
          errors={errors?.email}
        />
        <div className="actions">
          <Button busy={busy} disabled={busy}>
            {t("request.submit")}
          </Button>
        </div>
      </Form>
      <Heading level={2}>{t("request.staff_title")}</Heading>
      <Paragraph>{t("request.staff_body")}</Paragraph>
      <Paragraph>
        <a className="utrecht-link" href={localized("/inloggen")}>
          {t("request.back_to_login")}
        </a>
      </Paragraph>
    </div>
  );
}
