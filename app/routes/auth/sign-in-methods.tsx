import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/sign-in-methods";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { isStaff } from "#app/features/auth/authorization.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { PasskeyButton } from "#app/features/second-factor/passkey-button.tsx";
import { listPasskeys, removePasskey } from "#app/features/second-factor/passkeys.server.ts";
import { removePasskeySchema } from "#app/features/second-factor/schemas.ts";
import { removeTotp, secondFactorState } from "#app/features/second-factor/totp.server.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

// Passkeys (for everyone: a way to log in without a password) and, for
// staff, the authenticator app. Staff reach this page only after their second factor.

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "account:manage");
  const services = context.get(servicesContext);
  const [passkeys, state] = await Promise.all([listPasskeys(services, viewer.id), secondFactorState(services, viewer.id)]);
  return {
    passkeys,
    totp: state.totp,
    staff: isStaff(viewer.role),
    notice: new URL(request.url).searchParams.get("melding") === "verwijderd" ? ("removed" as const) : null,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "account:manage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  switch (form.get("intent")) {
    case "remove-passkey": {
      const parsed = removePasskeySchema.safeParse({ passkeyId: form.get("passkeyId") });
      if (!parsed.success || !(await removePasskey(services, viewer, parsed.data.passkeyId))) {
        return data({ formError: t("security:passkeys.errors.not_found") }, { status: 404 });
      }
      return redirect("/account/inlogmethoden?melding=verwijderd");
    }
    case "remove-totp": {
      await removeTotp(services, viewer);
      return redirect("/account/inlogmethoden?melding=verwijderd");
    }
    default:
      return data({ formError: t("errors.bad_request_body") }, { status: 400 });
  }
}

export default function SignInMethods({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("security");
  return (
    <div className="stack">
      <PageTitle>{t("methods.title")}</PageTitle>
      <Heading level={1}>{t("methods.title")}</Heading>
      <Paragraph>{t(loaderData.staff ? "methods.intro_staff" : "methods.intro")}</Paragraph>
      {loaderData.notice === "removed" ? <Alert kind="ok">{t("methods.removed")}</Alert> : null}
      <ErrorSummary items={errorSummaryItems(actionData, [])} answer={actionData} />
      <Heading level={2}>{t("passkeys.title")}</Heading>
      {loaderData.passkeys.length === 0 ? (
        <Paragraph>{t("passkeys.none")}</Paragraph>
      ) : (
        <ul className="stack" data-testid="passkey-list">
          {loaderData.passkeys.map((passkey) => (
            <li key={passkey.id}>
              <Form method="post" className="actions">
                <span>
                  {passkey.label} — {t("passkeys.added", { date: formatDateTime(passkey.createdAt, i18n.language) })}
                </span>
                <input type="hidden" name="intent" value="remove-passkey" />
                <input type="hidden" name="passkeyId" value={passkey.id} />
                <Button appearance="secondary" aria-label={t("passkeys.remove_named", { label: passkey.label })}>
                  {t("passkeys.remove")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Paragraph className="muted">{t("passkeys.needs_javascript")}</Paragraph>
      <PasskeyButton mode="register" returnTo="/account/inlogmethoden" label={t("passkeys.add")} />
      {loaderData.staff ? (
        <>
          <Heading level={2}>{t("methods.totp_title")}</Heading>
          {loaderData.totp ? (
            <Form method="post" className="stack">
              <Paragraph>{t("methods.totp_on")}</Paragraph>
              <input type="hidden" name="intent" value="remove-totp" />
              <div className="actions">
                <Button appearance="secondary">{t("methods.totp_remove")}</Button>
              </div>
            </Form>
          ) : (
            <Paragraph>{t("methods.totp_off")}</Paragraph>
          )}
        </>
      ) : null}
      <Paragraph>
        <Link className="utrecht-link" to="/account">{t("methods.back")}</Link>
      </Paragraph>
    </div>
  );
}
