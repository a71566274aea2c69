import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/manage";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { CheckboxGroup } from "#app/components/ui/choice-fields.tsx";
import { activePhenomena } from "#app/features/content/content.ts";
import { BODY_MAX, warningFormSchema, warningsQuerySchema } from "#app/features/warnings/schemas.ts";
import { listWarningsWithCounts, publishWarning, warningFormContext } from "#app/features/warnings/warnings.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { formatCalendarDate } from "#app/calendar/format.ts";

// Coordinators publish warnings to the ambassadors of some wijken and see,
// per warning, how many devices it reached.

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "warnings:publish");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const [form, warnings] = await Promise.all([warningFormContext(services, viewer, language), listWarningsWithCounts(services, viewer.municipalityId, language)]);
  const query = warningsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ...form, warnings, published: query.gepubliceerd && warnings.some((w) => w.id === query.gepubliceerd) ? { devices: query.telefoons ?? 0 } : null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "warnings:publish");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const { today, flows } = await warningFormContext(services, viewer, "nl");
  const schema = warningFormSchema({ today, phenomenonIds: activePhenomena(services.content).map((p) => p.id), flowIds: flows.map((f) => f.id) });
  const parsed = parseForm(schema, form, t, { arrayFields: ["wijkIds"] });
  const values = { ...Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")), wijkIds: form.getAll("wijkIds").map(String) };
  if (!parsed.success) return data({ fieldErrors: parsed.fieldErrors, values }, { status: 400 });
  const result = await publishWarning(services, viewer, parsed.data);
  if (!result.ok) return data({ fieldErrors: { wijkIds: [t(`warnings:errors.${result.error}`)] }, values }, { status: 400 });
  return redirect(`/waarschuwingen?gepubliceerd=${result.id}&telefoons=${result.queued}`);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export default function ManageWarnings({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("warnings");
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string[]> = actionData?.fieldErrors ?? {};
  const values = (actionData?.values ?? {}) as Record<string, string | string[] | undefined>;
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const chosenWijken = Array.isArray(values.wijkIds) ? values.wijkIds : [];
  return (
    <div className="stack">
      <PageTitle>{t("manage.title")}</PageTitle>
      <Heading level={1}>{t("manage.title")}</Heading>
      <Paragraph>{t("manage.intro")}</Paragraph>
      {loaderData.published ? (
        <Alert kind="ok" title={t("manage.published_title")}>
          <Paragraph>{t("manage.published_body", { count: loaderData.published.devices })}</Paragraph>
        </Alert>
      ) : null}

      <Heading level={2}>{t("manage.new_title")}</Heading>
      <ErrorSummary
        title={t("manage.error_summary")}
        items={errorSummaryItems(actionData, {
          title: "warning-title",
          body: "warning-body",
          phenomenon: "warning-phenomenon",
          wijkIds: "warning-wijken",
          flowId: "warning-flow",
          expiresOn: "warning-expires",
        })}
        answer={actionData}
      />
      <Form method="post" className="form-stack" noValidate>
        <TextField id="warning-title" label={t("manage.field_title")} description={t("manage.field_title_hint")} name="title" maxLength={80} defaultValue={text("title") ?? ""} errors={errors.title} />
        <TextAreaField
          id="warning-body"
          label={t("manage.field_body")}
          description={t("manage.field_body_hint", { count: BODY_MAX })}
          name="body"
          rows={4}
          maxLength={BODY_MAX}
          defaultValue={text("body") ?? ""}
          errors={errors.body}
        />
        <SelectField
          id="warning-phenomenon"
          label={t("manage.field_phenomenon")}
          name="phenomenon"
          placeholder={t("manage.choose")}
          defaultValue={text("phenomenon") ?? ""}
          options={loaderData.phenomena.map((p) => ({ value: p.id, label: p.label }))}
          errors={errors.phenomenon}
        />
        <fieldset id="warning-wijken" className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t("manage.field_wijken")}</legend>
          {errors.wijkIds ? (
            <div className="utrecht-form-field-error-message">
              <p className="utrecht-paragraph">{errors.wijkIds[0]}</p>
            </div>
          ) : (
            <p className="utrecht-form-field-description">{t("manage.field_wijken_hint")}</p>
          )}
          {loaderData.areas.map((stadsdeel) => (
            <details key={stadsdeel.id} className="wijk-group" open={stadsdeel.wijken.some((w) => chosenWijken.includes(w.id))}>
              <summary>{stadsdeel.name}</summary>
              <CheckboxGroup legend={stadsdeel.name} name="wijkIds" options={stadsdeel.wijken.map((w) => ({ value: w.id, label: w.name }))} checked={chosenWijken} />
            </details>
          ))}
        </fieldset>
        <SelectField
          id="warning-flow"
          label={t("manage.field_flow")}
          name="flowId"
          placeholder={t("manage.no_flow")}
          defaultValue={text("flowId") ?? ""}
          options={loaderData.flows.map((f) => ({ value: f.id, label: f.title }))}
          errors={errors.flowId}
        />
        <TextField
          id="warning-expires"
          label={t("manage.field_expires")}
          name="expiresOn"
          type="date"
          min={loaderData.today}
          defaultValue={text("expiresOn") ?? addDays(loaderData.today, 14)}
          errors={errors.expiresOn}
        />
        <div className="actions">
          <Button busy={busy} disabled={busy}>
            {t("manage.publish")}
          </Button>
        </div>
      </Form>

      <Heading level={2}>{t("manage.list_title")}</Heading>
      {loaderData.warnings.length === 0 ? (
        <Paragraph>{t("manage.empty")}</Paragraph>
      ) : (
        <Table caption={t("manage.list_title")} head={[t("manage.column_warning"), t("manage.column_wijken"), t("manage.column_until"), t("manage.column_delivered")]}>
          {loaderData.warnings.map((warning) => (
            <Row key={warning.id}>
              <Cell>
                <Link className="utrecht-link" to={`/waarschuwingen/${warning.id}`}>
                  {warning.title}
                </Link>
                <br />
                <span className="muted">{warning.phenomenonLabel}</span>
              </Cell>
              <Cell>{warning.wijken.map((w) => w.name).join(", ")}</Cell>
              <Cell>
                {formatCalendarDate(warning.expiresOn, i18n.language)}
                {warning.expiresOn < loaderData.today ? <span className="muted"> ({t("manage.expired")})</span> : null}
              </Cell>
              <Cell numeric>
                <span data-testid="warning-delivered">{t("manage.delivered", { delivered: warning.delivered, queued: warning.queued })}</span>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}
