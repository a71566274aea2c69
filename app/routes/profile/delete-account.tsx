import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/delete-account";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext, viewerContext } from "#app/context.server.ts";
import { deleteOwnAccount } from "#app/features/auth/account.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { clearedSessionCookie } from "#app/features/auth/session.server.ts";
import { formatClockTime } from "#app/calendar/format.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { forwardHeaders } from "#app/http/forward-headers.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import { deleteAccountSchema } from "#app/features/profile/schemas.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export const headers = forwardHeaders;

export async function loader({ request, context }: Route.LoaderArgs) {
  // After deletion the person has no session any more; the page then says it is done.
  if (!context.get(viewerContext) && new URL(request.url).searchParams.get("verwijderd") === "1") {
    return { deleted: true, organisationName: null };
  }
  const viewer = requirePermission(request, context, "account:delete");
  return { deleted: false, organisationName: viewer.organisationName };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "account:delete");
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  const parsed = parseForm(deleteAccountSchema, await request.formData(), t);
  if (!parsed.success) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const result = await deleteOwnAccount(services, viewer, parsed.data.password);
  if (!result.ok) {
    const message =
      result.error === "throttled"
        ? t("profile:password.throttled", { time: formatClockTime(result.retryAt!, language) })
        : t("profile:password.wrong");
    return data({ fieldErrors: { password: [message] } }, { status: result.error === "throttled" ? 429 : 400 });
  }
  return redirect("/account/verwijderen?verwijderd=1", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export default function DeleteAccount({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("profile");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  if (loaderData.deleted) {
    return (
      <div className="stack">
        <PageTitle>{t("delete.done_title")}</PageTitle>
        <Heading level={1}>{t("delete.done_title")}</Heading>
        <Alert kind="ok">{t("delete.done_body")}</Alert>
      </div>
    );
  }
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  return (
    <div className="stack">
      <PageTitle>{t("delete.title")}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to="/account">
          {t("back_to_account")}
        </Link>
      </Paragraph>
      <Heading level={1}>{t("delete.title")}</Heading>
      <Paragraph lead>{t("delete.intro")}</Paragraph>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">{t("delete.what_goes")}</li>
        <li className="utrecht-unordered-list__item">{t("delete.what_stays")}</li>
        <li className="utrecht-unordered-list__item">{t("delete.no_undo")}</li>
      </ul>
      <Paragraph>
        {t("delete.export_first")}{" "}
        <a className="utrecht-link" href="/account/mijn-gegevens" download>
          {t("export.download")}
        </a>
      </Paragraph>
      <ErrorSummary items={errorSummaryItems(actionData, { password: "field-password", confirm: "confirm-delete" })} answer={actionData} />
      <Form method="post" className="form-stack" noValidate reloadDocument>
        <TextField
          label={t("delete.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={errors?.password}
        />
        <div className="checkbox-list">
        <div className={`utrecht-form-field utrecht-form-field--checkbox ${errors?.confirm ? "utrecht-form-field--invalid" : ""}`}>
          <div className="utrecht-form-field__input">
            <input
              type="checkbox"
              id="confirm-delete"
              name="confirm"
              value="ja"
              required
              aria-invalid={errors?.confirm ? true : undefined}
              aria-describedby={errors?.confirm ? "confirm-delete-error" : undefined}
              className="utrecht-checkbox utrecht-checkbox--html-input"
            />
          </div>
          <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="confirm-delete">
              {t("delete.confirm")}
            </label>
          </div>
          {errors?.confirm ? (
            <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id="confirm-delete-error">
              <p className="utrecht-paragraph">{errors.confirm[0]}</p>
            </div>
          ) : null}
        </div>
        </div>
        <div className="actions">
          <Button appearance="danger" busy={busy} disabled={busy}>
            {t("delete.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
