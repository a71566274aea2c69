import { useTranslation } from "react-i18next";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/settings";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { SelectField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { readSignalSettings, saveSignalSettings } from "#app/features/signals/settings.server.ts";
import { signalSettingsSchema, TARGET_DAYS_MAX, wallIndicatorAudiences } from "#app/features/signals/settings.ts";
import { parseForm } from "#app/forms/parse-form.ts";

// The municipality's settings for signal handling (administrators): the target
// per urgency and who sees the wall indicator.

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:settings");
  const settings = await readSignalSettings(context.get(servicesContext), viewer.municipalityId);
  return { urgent: String(settings.targets.urgent), normal: String(settings.targets.normal), wall: settings.wall };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "signals:settings");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const parsed = parseForm(signalSettingsSchema, await request.formData(), t, {});
  if (!parsed.success) return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  await saveSignalSettings(services, viewer, { targets: { urgent: parsed.data.urgent, normal: parsed.data.normal }, wall: parsed.data.wall });
  return { ok: true as const, fieldErrors: {}, values: {} };
}

export default function SignalSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("signals");
  const navigation = useNavigation();
  const fieldErrors: Record<string, readonly string[]> = actionData?.fieldErrors ?? {};
  const values: Record<string, string> = actionData?.ok === false ? actionData.values : {};
  return (
    <div className="stack">
      <PageTitle>{t("settings.title")}</PageTitle>
      <Heading level={1}>{t("settings.title")}</Heading>
      <Paragraph>{t("settings.intro")}</Paragraph>
      {actionData?.ok ? <Alert kind="ok">{t("settings.saved")}</Alert> : null}
      <ErrorSummary items={errorSummaryItems(actionData?.ok === false ? { fieldErrors } : null, { urgent: "settings-urgent", normal: "settings-normal", wall: "settings-wall" })} answer={actionData} />
      <Form method="post" className="form-stack" noValidate>
        <Heading level={2}>{t("settings.targets_title")}</Heading>
        <Paragraph>{t("settings.targets_intro")}</Paragraph>
        <TextField
          id="settings-urgent"
          label={t("settings.urgent")}
          name="urgent"
          inputMode="numeric"
          defaultValue={values.urgent ?? loaderData.urgent}
          errors={fieldErrors.urgent}
          description={t("settings.days_hint", { max: TARGET_DAYS_MAX })}
        />
        <TextField
          id="settings-normal"
          label={t("settings.normal")}
          name="normal"
          inputMode="numeric"
          defaultValue={values.normal ?? loaderData.normal}
          errors={fieldErrors.normal}
          description={t("settings.days_hint", { max: TARGET_DAYS_MAX })}
        />
        <Heading level={2}>{t("settings.wall_title")}</Heading>
        <Paragraph>{t("settings.wall_intro")}</Paragraph>
        <SelectField
          id="settings-wall"
          label={t("settings.wall")}
          name="wall"
          defaultValue={values.wall ?? loaderData.wall}
          errors={fieldErrors.wall}
          options={wallIndicatorAudiences.map((value) => ({ value, label: t(`settings.wall_audiences.${value}`) }))}
        />
        <div className="actions">
          <Button busy={navigation.state === "submitting"}>{t("settings.save")}</Button>
        </div>
      </Form>
    </div>
  );
}
