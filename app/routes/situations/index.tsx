import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/index";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { CheckboxGroup, RadioGroup } from "#app/components/ui/choice-fields.tsx";
import { TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { organisationLabels, situationKinds, situationUrl } from "#app/features/situations/options.ts";
import { situationFormSchema } from "#app/features/situations/schemas.ts";
import { SituationWindow } from "#app/features/situations/situation-facts.tsx";
import { listSituations, openSituation, recordRefusal, situationFormContext } from "#app/features/situations/situations.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

// The situation room's list. Coordinators open a situation here; staff see
// every situation, ambassadors the open ones for their organisation's wijk.

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "situations:view");
  const services = context.get(servicesContext);
  const situations = await listSituations(services, viewer);
  const manage = can(viewer, "situations:manage");
  return { situations, staff: viewer.role !== "ambassador", form: manage ? await situationFormContext(services, viewer) : null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "situations:manage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const arrayFields = ["wijkIds", "organisations"];
  const values = {
    ...Object.fromEntries([...form.entries()].filter(([name, v]) => typeof v === "string" && !arrayFields.includes(name))),
    wijkIds: form.getAll("wijkIds").map(String),
    organisations: form.getAll("organisations").map(String),
  };
  const parsed = parseForm(situationFormSchema, form, t, { arrayFields });
  if (!parsed.success) {
    // The reasons, never the typed text: which fields were refused.
    await recordRefusal(services, viewer, "situation.open_refused", Object.keys(parsed.fieldErrors).sort().join(","));
    return data({ fieldErrors: parsed.fieldErrors, formErrors: parsed.formErrors, values }, { status: 400 });
  }
  const result = await openSituation(services, viewer, parsed.data);
  if (!result.ok && result.error === "personal_data") {
    const kinds = result.kinds.map((k) => t(`situations:kinds.${k}`)).join(", ");
    return data({ fieldErrors: { name: [t("situations:errors.personal_data", { kinds })] }, formErrors: [], values }, { status: 400 });
  }
  if (!result.ok) return data({ fieldErrors: { wijkIds: [t(`situations:errors.${result.error}`)] }, formErrors: [], values }, { status: 400 });
  return redirect(`${situationUrl(result.id)}?geopend=1`);
}

export default function Situations({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("situations");
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string[]> = actionData?.fieldErrors ?? {};
  const values = (actionData?.values ?? {}) as Record<string, string | string[] | undefined>;
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const list = (name: string) => (Array.isArray(values[name]) ? (values[name] as string[]) : []);
  const { situations, staff, form } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{t("public.title")}</PageTitle>
      <Heading level={1}>{t("public.title")}</Heading>
      <Paragraph>{staff ? t("list.intro") : t("public.intro_ambassador")}</Paragraph>

      {situations.length === 0 ? (
        <Paragraph>{staff ? t("list.empty") : t("public.empty_ambassador")}</Paragraph>
      ) : (
        <Table caption={staff ? t("list.caption") : t("public.title")} head={[t("list.column_name"), t("public.field_window"), t("public.field_wijken"), t("public.field_state")]}>
          {situations.map((situation) => (
            <Row key={situation.id}>
              <Cell>
                <Link className="utrecht-link" to={situationUrl(situation.id)} dir="auto">
                  {situation.name}
                </Link>
                <br />
                <span className="muted">{t(`public.kind.${situation.kind}`)}</span>
              </Cell>
              <Cell>
                <SituationWindow situation={situation} />
              </Cell>
              <Cell>
                <span dir="auto">{situation.wijken.map((w) => w.name).join(", ")}</span>
              </Cell>
              <Cell>{t(`public.state.${situation.state}`)}</Cell>
            </Row>
          ))}
        </Table>
      )}

      {form ? (
        <>
          <Heading level={2}>{t("list.new_title")}</Heading>
          <ErrorSummary
            title={t("list.error_summary")}
            items={errorSummaryItems(actionData, {
              name: "situation-name",
              kind: "situation-kind",
              wijkIds: "situation-wijken",
              organisations: "situation-organisations",
              startsAt: "situation-starts",
              endsAt: "situation-ends",
            })}
            answer={actionData}
          />
          <Form method="post" className="form-stack" noValidate>
            <TextField id="situation-name" label={t("list.field_name")} description={t("list.field_name_hint")} name="name" maxLength={80} defaultValue={text("name")} errors={errors.name} />
            <RadioGroup
              id="situation-kind"
              legend={t("list.field_kind")}
              name="kind"
              options={situationKinds.map((kind) => ({ value: kind, label: t(`public.kind.${kind}`) }))}
              defaultValue={text("kind") || undefined}
              errors={errors.kind}
            />
            <fieldset id="situation-wijken" className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
              <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t("public.field_wijken")}</legend>
              {errors.wijkIds ? (
                <div className="utrecht-form-field-error-message">
                  <p className="utrecht-paragraph">{errors.wijkIds[0]}</p>
                </div>
              ) : (
                <p className="utrecht-form-field-description">{t("list.field_wijken_hint")}</p>
              )}
              {form.areas.map((stadsdeel) => (
                <details key={stadsdeel.id} className="wijk-group" open={stadsdeel.wijken.some((w) => list("wijkIds").includes(w.id))}>
                  <summary>{stadsdeel.name}</summary>
                  <CheckboxGroup legend={stadsdeel.name} name="wijkIds" options={stadsdeel.wijken.map((w) => ({ value: w.id, label: w.name }))} checked={list("wijkIds")} />
                </details>
              ))}
            </fieldset>
            <CheckboxGroup
              fieldsetId="situation-organisations"
              legend={t("public.field_organisations")}
              description={t("list.field_organisations_hint")}
              name="organisations"
              options={organisationLabels.map((label) => ({ value: label, label: t(`public.org.${label}`) }))}
              checked={list("organisations")}
              errors={errors.organisations}
            />
            <TextField id="situation-starts" label={t("list.field_starts")} description={t("list.field_time_hint")} name="startsAt" type="datetime-local" defaultValue={text("startsAt")} errors={errors.startsAt} />
            <TextField id="situation-ends" label={t("list.field_ends")} description={t("list.field_time_hint")} name="endsAt" type="datetime-local" defaultValue={text("endsAt")} errors={errors.endsAt} />
            <div className="actions">
              <Button busy={busy} disabled={busy}>
                {t("list.open")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}
    </div>
  );
}
