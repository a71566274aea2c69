import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/manage";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { listNewslettersWithCounts, newsletterFormContext, sendNewsletter } from "#app/features/newsletter/newsletter.server.ts";
import { BODY_MAX, newsletterFormSchema, newsletterQuerySchema, SUBJECT_MAX } from "#app/features/newsletter/schemas.ts";
import { parseForm } from "#app/forms/parse-form.ts";

// Coordinators write a newsletter to all ambassadors or those of one
// stadsdeel (e-mail and push), and see per letter how far it got.

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "newsletter:send");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  const [form, letters] = await Promise.all([newsletterFormContext(services, viewer.municipalityId), listNewslettersWithCounts(services, viewer.municipalityId)]);
  const query = newsletterQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    ...form,
    sent: query.verstuurd ?? null,
    letters: letters.map((letter) => ({ ...letter, createdAt: formatDateTime(letter.createdAt, language) })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "newsletter:send");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = parseForm(newsletterFormSchema, form, t);
  if (!parsed.success) return data({ fieldErrors: parsed.fieldErrors, values }, { status: 400 });
  const result = await sendNewsletter(services, viewer, parsed.data);
  if (!result.ok) return data({ fieldErrors: { [result.field]: [t(`newsletter:errors.${result.error}`)] } as Record<string, string[]>, values }, { status: 400 });
  return redirect(`/beheer/nieuwsbrief?verstuurd=${result.recipients}`);
}

export default function ManageNewsletter({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("newsletter");
  const errors: Record<string, string[]> = actionData?.fieldErrors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  return (
    <div className="stack">
      <PageTitle>{t("manage.title")}</PageTitle>
      <Heading level={1}>{t("manage.title")}</Heading>
      <Paragraph>{t("manage.intro")}</Paragraph>
      {loaderData.sent !== null ? (
        <Alert kind="ok">
          <span data-testid="newsletter-sent">{t("manage.sent", { count: loaderData.sent })}</span>
        </Alert>
      ) : null}
      <ErrorSummary title={t("manage.error_summary")} items={errorSummaryItems(actionData, { subject: "newsletter-subject", body: "newsletter-body", stadsdeelId: "newsletter-audience" })} answer={actionData} />
      <Form method="post" className="stack" noValidate>
        <SelectField
          id="newsletter-audience"
          label={t("manage.audience")}
          name="stadsdeelId"
          defaultValue={values.stadsdeelId ?? ""}
          placeholder={t("manage.everyone")}
          options={loaderData.stadsdelen.map((sd) => ({ value: sd.id, label: sd.name }))}
          errors={errors.stadsdeelId}
        />
        <TextField id="newsletter-subject" label={t("manage.subject")} name="subject" defaultValue={values.subject} maxLength={SUBJECT_MAX} errors={errors.subject} />
        <TextAreaField id="newsletter-body" label={t("manage.body")} name="body" defaultValue={values.body} maxLength={BODY_MAX} rows={10} errors={errors.body} />
        <Button>{t("manage.send")}</Button>
      </Form>
      <Heading level={2}>{t("manage.list_title")}</Heading>
      {loaderData.letters.length === 0 ? (
        <Paragraph>{t("manage.empty")}</Paragraph>
      ) : (
        <Table caption={t("manage.list_title")} head={[t("manage.date"), t("manage.subject"), t("manage.audience"), t("manage.recipients"), t("manage.mails"), t("manage.pushes")]}>
          {loaderData.letters.map((letter) => (
            <Row key={letter.id}>
              <Cell header>{letter.createdAt}</Cell>
              <Cell>{letter.subject}</Cell>
              <Cell>{letter.audience ?? t("manage.everyone")}</Cell>
              <Cell>{String(letter.recipients)}</Cell>
              <Cell>{`${letter.mails.sent} / ${letter.mails.pending} / ${letter.mails.failed}`}</Cell>
              <Cell>{`${letter.pushes.delivered} / ${letter.pushes.queued} / ${letter.pushes.failed}`}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </div>
  );
}
