import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/organisations";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { countActiveAmbassadors } from "#app/features/auth/users.server.ts";
import { languageOptions, spokenLanguages } from "#app/features/organisations/languages.ts";
import { OrganisationForm, submittedValues, organisationFields } from "#app/features/organisations/organisation-form.tsx";
import { createOrganisation, listOrganisations } from "#app/features/organisations/organisations.server.ts";
import { newOrganisationSchema, organisationListQuerySchema } from "#app/features/organisations/schemas.ts";
import { formValues, parseForm } from "#app/forms/parse-form.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "organisations:manage");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const query = organisationListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [organisations, areas, staffed] = await Promise.all([
    listOrganisations(services, viewer.municipalityId, { includeArchived: query.archief === "1" }),
    listAreas(services, viewer.municipalityId),
    countActiveAmbassadors(services, viewer.municipalityId),
  ]);
  return {
    showArchived: query.archief === "1",
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      wijkName: o.wijkName,
      stadsdeelName: o.stadsdeelName,
      activeAmbassadors: staffed.get(o.id) ?? 0,
      archived: o.archivedAt !== null,
    })),
    areas,
    languageOptions: languageOptions(spokenLanguages, language),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "organisations:manage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const parsed = parseForm(newOrganisationSchema, form, t, { arrayFields: ["languages"] });
  if (!parsed.success) return data({ fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  const result = await createOrganisation(services, viewer, parsed.data);
  if (!result.ok) {
    const field = result.error === "code_taken" ? "via" : "wijkId";
    return data(
      { fieldErrors: { [field]: [t(`network:organisations.errors.${result.error}`)] }, values: formValues(form) },
      { status: result.error === "code_taken" ? 409 : 400 },
    );
  }
  return redirect(`/beheer/organisaties/${result.id}?melding=aangemaakt`);
}

export default function Organisations({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  return (
    <div className="stack">
      <PageTitle>{t("organisations.title")}</PageTitle>
      <Heading level={1}>{t("organisations.title")}</Heading>
      <Paragraph>{t("organisations.intro")}</Paragraph>
      <ErrorSummary title={t("organisations.errors.check_form")} items={errorSummaryItems(actionData, organisationFields)} answer={actionData} />

      {loaderData.organisations.length === 0 ? (
        <Paragraph>{t(loaderData.showArchived ? "organisations.empty_archived" : "organisations.empty")}</Paragraph>
      ) : (
        <Table
          caption={t(loaderData.showArchived ? "organisations.caption_all" : "organisations.caption")}
          head={[
            t("organisations.fields.name"),
            t("organisations.fields.kind"),
            t("organisations.fields.wijk"),
            t("organisations.active_ambassadors"),
            t("organisations.status"),
          ]}
        >
          {loaderData.organisations.map((organisation) => (
            <Row key={organisation.id}>
              <Cell header>
                <Link className="utrecht-link" to={`/beheer/organisaties/${organisation.id}`}>
                  {organisation.name}
                </Link>
              </Cell>
              <Cell>{t(`kinds.${organisation.kind}`)}</Cell>
              <Cell>
                {organisation.wijkName} <span className="muted">({organisation.stadsdeelName})</span>
              </Cell>
              <Cell numeric>{organisation.activeAmbassadors}</Cell>
              <Cell>
                <span className={`utrecht-status-badge utrecht-status-badge--${organisation.archived ? "inactive" : "active"}`}>
                  {t(organisation.archived ? "organisations.archived" : "organisations.open")}
                </span>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      <Paragraph>
        <Link className="utrecht-link" to={loaderData.showArchived ? "/beheer/organisaties" : "/beheer/organisaties?archief=1"}>
          {t(loaderData.showArchived ? "organisations.hide_archived" : "organisations.show_archived")}
        </Link>
      </Paragraph>

      <Heading level={2} id="nieuw">
        {t("organisations.new_title")}
      </Heading>
      <OrganisationForm
        intent="create"
        values={submittedValues(actionData?.values, {
          name: "",
          kind: "library",
          wijkId: "",
          address: "",
          walkInHours: "",
          phone: "",
          languages: ["nl"],
          description: "",
          code: "",
        })}
        errors={errors}
        areas={loaderData.areas}
        languageOptions={loaderData.languageOptions}
        submitLabel={t("organisations.create")}
      />
    </div>
  );
}
