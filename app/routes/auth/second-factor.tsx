import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation } from "react-router";
import QRCode from "qrcode";
import type { Route } from "./+types/second-factor";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { secondFactorPending } from "#app/features/auth/authorization.ts";
import { requireViewerBeforeSecondFactor } from "#app/features/auth/authorization.server.ts";
import { safeReturnPath, sameOriginPath } from "#app/features/auth/safe-path.ts";
import { PasskeyButton } from "#app/features/second-factor/passkey-button.tsx";
import { totpCodeSchema } from "#app/features/second-factor/schemas.ts";
import { totpUri } from "#app/features/second-factor/totp.ts";
import { pendingTotpSecret, secondFactorState, verifyTotpCode } from "#app/features/second-factor/totp.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { forwardHeaders } from "#app/http/forward-headers.ts";

// The second step for staff: a code from their authenticator app, or a
// passkey. Someone without either sets up the app here (QR code and the
// secret as text, confirmed by a first code) — with JavaScript off too.

export const headers = forwardHeaders;

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireViewerBeforeSecondFactor(request, context);
  const returnTo = sameOriginPath(new URL(request.url).searchParams.get("terug")) ?? "";
  if (!secondFactorPending(viewer)) throw redirect(safeReturnPath(returnTo));
  const services = context.get(servicesContext);
  const state = await secondFactorState(services, viewer.id);
  let setup: { secret: string; qr: string } | null = null;
  if (!state.totp) {
    const secret = (await pendingTotpSecret(services, viewer.id))!;
    const svg = await QRCode.toString(totpUri(secret, viewer.email, "Wijkwijs"), { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    setup = { secret: secret.replace(/(.{4})/g, "$1 ").trim(), qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
  }
  return { returnTo, setup, hasPasskeys: state.passkeys > 0, canAddPasskey: !state.totp && state.passkeys === 0 };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requireViewerBeforeSecondFactor(request, context);
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const parsed = parseForm(totpCodeSchema, await request.formData(), t);
  if (!parsed.success) return data({ fieldErrors: parsed.fieldErrors, formError: null }, { status: 400 });
  if (!secondFactorPending(viewer)) return redirect(safeReturnPath(parsed.data.terug));
  const result = await verifyTotpCode(services, viewer, parsed.data.code);
  switch (result.status) {
    case "ok":
      return redirect(safeReturnPath(parsed.data.terug));
    case "throttled":
      return data(
        { fieldErrors: {}, formError: t("security:second_factor.errors.throttled", { count: Math.ceil(result.retryAfter / 60) }) },
        { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
      );
    case "replayed":
      return data({ fieldErrors: { code: [t("security:second_factor.errors.replayed")] }, formError: null }, { status: 400 });
    case "not_set_up":
    case "wrong":
      return data({ fieldErrors: { code: [t("security:second_factor.errors.wrong")] }, formError: null }, { status: 400 });
  }
}

export default function SecondFactor({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("security");
  const busy = useNavigation().state === "submitting";
  const { setup } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{t("second_factor.title")}</PageTitle>
      <Heading level={1}>{t("second_factor.title")}</Heading>
      <Paragraph>{t("second_factor.intro")}</Paragraph>
      <ErrorSummary items={errorSummaryItems(actionData, ["code"])} answer={actionData} />
      {setup ? (
        <section className="stack" aria-labelledby="totp-setup">
          <Heading level={2} id="totp-setup">
            {t("second_factor.setup_title")}
          </Heading>
          <Paragraph>{t("second_factor.setup_intro")}</Paragraph>
          <img src={setup.qr} alt={t("second_factor.qr_alt")} width={200} height={200} />
          <Paragraph>
            {t("second_factor.secret_label")} <code data-testid="totp-secret">{setup.secret}</code>
          </Paragraph>
        </section>
      ) : null}
      <Form method="post" className="form-stack" noValidate>
        <input type="hidden" name="terug" value={loaderData.returnTo} />
        <TextField
          label={t("second_factor.code")}
          description={t("second_factor.code_hint")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          errors={(actionData?.fieldErrors as Record<string, string[]> | undefined)?.code}
        />
        <div className="actions">
          <Button busy={busy} disabled={busy}>
            {setup ? t("second_factor.confirm") : t("second_factor.submit")}
          </Button>
        </div>
      </Form>
      {loaderData.hasPasskeys ? (
        <PasskeyButton mode="second-factor" returnTo={loaderData.returnTo} label={t("second_factor.use_passkey")} />
      ) : null}
      {loaderData.canAddPasskey ? (
        <>
          <Paragraph>{t("second_factor.or_passkey")}</Paragraph>
          <PasskeyButton mode="register" returnTo={loaderData.returnTo} label={t("passkeys.add")} />
        </>
      ) : null}
    </div>
  );
}
