import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/organisation";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { listInvitations } from "#app/features/auth/invitations.server.ts";
import { countActiveAmbassadors } from "#app/features/auth/users.server.ts";
import { languageOptions, spokenLanguages } from "#app/features/organisations/languages.ts";
import { OrganisationForm, submittedValues, organisationFields } from "#app/features/organisations/organisation-form.tsx";
import { getOrganisation, setOrganisationArchived, updateOrganisation } from "#app/features/organisations/organisations.server.ts";
import { organisationQuerySchema, organisationSchema } from "#app/features/organisations/schemas.ts";
import { formValues, parseForm } from "#app/forms/parse-form.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "organisations:manage");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const organisation = await getOrganisation(services, viewer.municipalityId, params.organisationId);
  if (!organisation) throw data(null, { status: 404 });
  const [areas, staffed, openInvitations] = await Promise.all([
    listAreas(services, viewer.municipalityId),
    countActiveAmbassadors(services, viewer.municipalityId),
    listInvitations(services, viewer.municipalityId, { organisationId: organisation.id, status: "open" }),
  ]);
  const activeAmbassadors = staffed.get(organisation.id) ?? 0;
  return {
    notice: organisationQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)).melding ?? null,
    organisation,
    activeAmbassadors,
    openInvitations: openInvitations.length,
    publiclyListed: organisation.archivedAt === null && activeAmbassadors > 0,
    areas,
    languageOptions: languageOptions(spokenLanguages, language),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "organisations:manage");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const intent = form.get("intent");
  const base = `/beheer/organisaties/${encodeURIComponent(params.organisationId)}`;

  if (intent === "archive" || intent === "reopen") {
    const result = await setOrganisationArchived(services, viewer, params.organisationId, intent === "archive");
    if (!result.ok) throw data(null, { status: 404 });
    return redirect(`${base}?melding=${intent === "archive" ? "gearchiveerd" : "heropend"}`);
  }
  if (intent !== "save") throw data({ message: t("errors.unknown_intent") }, { status: 400 });

  const parsed = parseForm(organisationSchema, form, t, { arrayFields: ["languages"] });
  if (!parsed.success) return data({ fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  const result = await updateOrganisation(services, viewer, params.organisationId, parsed.data);
  if (!result.ok) {
    if (result.error === "not_found") throw data(null, { status: 404 });
    return data({ fieldErrors: { wijkId: [t(`network:organisations.errors.${result.error}`)] }, values: formValues(form) }, { status: 400 });
  }
  return redirect(`${base}?melding=opgeslagen`);
}

export default function Organisation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("network");
  const { organisation } = loaderData;
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  const archived = organisation.archivedAt !== null;
  return (
    <div className="stack">
      <PageTitle>{organisation.name}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to="/beheer/organisaties">
          {t("organisation.back")}
        </Link>
      </Paragraph>
      <Heading level={1}>{organisation.name}</Heading>
      {loaderData.notice ? <Alert kind="ok">{t(`organisation.notices.${loaderData.notice}`)}</Alert> : null}
      <ErrorSummary title={t("organisations.errors.check_form")} items={errorSummaryItems(actionData, organisationFields)} answer={actionData} />

      <dl className="utrecht-data-list">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("organisations.status")}</dt>
          <dd className="utrecht-data-list__item-value">
            <span className={`utrecht-status-badge utrecht-status-badge--${archived ? "inactive" : "active"}`}>
              {t(archived ? "organisations.archived" : "organisations.open")}
            </span>
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("organisation.public_page")}</dt>
          <dd className="utrecht-data-list__item-value" data-testid="public-listing">
            {loaderData.publiclyListed
              ? t("organisation.listed")
              : archived
                ? t("organisation.not_listed_archived")
                : t("organisation.not_listed_unstaffed")}
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("organisations.fields.code")}</dt>
          <dd className="utrecht-data-list__item-value">
            <code>{organisation.code}</code> <span className="muted">{t("organisation.code_fixed")}</span>
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("organisations.active_ambassadors")}</dt>
          <dd className="utrecht-data-list__item-value">
            <Link className="utrecht-link" to={`/beheer/ambassadeurs?organisatie=${organisation.id}`}>
              {t("organisation.roster_link", { count: loaderData.activeAmbassadors })}
            </Link>
          </dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("organisation.open_invitations")}</dt>
          <dd className="utrecht-data-list__item-value">
            {archived ? (
              loaderData.openInvitations
            ) : (
              <Link className="utrecht-link" to={`/beheer/uitnodigingen?organisatie=${organisation.id}`}>
                {t("organisation.invite_link", { count: loaderData.openInvitations })}
              </Link>
            )}
          </dd>
        </div>
      </dl>

      <Heading level={2}>{t("organisation.edit_title")}</Heading>
      <OrganisationForm
        key={organisation.id}
        intent="save"
        values={submittedValues(actionData?.values, {
          name: organisation.name,
          kind: organisation.kind,
          wijkId: organisation.wijkId,
          address: organisation.address,
          walkInHours: organisation.walkInHours,
          phone: organisation.phone,
          languages: organisation.languages,
          description: organisation.description,
        })}
        errors={errors}
        areas={loaderData.areas}
        languageOptions={loaderData.languageOptions}
        submitLabel={t("organisation.save")}
      />

      {archived ? (
        <>
          <Heading level={2}>{t("organisation.reopen_title")}</Heading>
          <Paragraph>{t("organisation.reopen_explanation")}</Paragraph>
          <Form method="post">
            <input type="hidden" name="intent" value="reopen" />
            <Button appearance="secondary">{t("organisation.reopen")}</Button>
          </Form>
        </>
      ) : (
        <>
          <Heading level={2}>{t("organisation.archive_title")}</Heading>
          <Paragraph>{t("organisation.archive_explanation", { count: loaderData.activeAmbassadors })}</Paragraph>
          <Form method="post">
            <input type="hidden" name="intent" value="archive" />
            <Button appearance="danger">{t("organisation.archive")}</Button>
          </Form>
        </>
      )}
    </div>
  );
}
