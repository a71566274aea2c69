import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/monthly";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { monthlyOverview } from "#app/features/programme/monthly-overview.server.ts";
import { isSubscribedToMonthlyMail, setMonthlyMail } from "#app/features/programme/monthly-mail-choice.server.ts";
import { figureText } from "#app/features/programme/protected-figures.server.ts";
import { Alert } from "#app/components/ui/alert.tsx";
import type { RouteHandle } from "#app/route-handle.ts";
import { monthlyMailFormSchema, monthlyQuerySchema } from "#app/features/programme/schemas.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "signals:own");
  const services = context.get(servicesContext);
  const { language, t } = context.get(i18nContext);
  const query = monthlyQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const overview = await monthlyOverview(services, viewer, language, query.maand);
  if (!overview) throw data({ message: t("errors.not_found_body") }, { status: 404 });
  return {
    threshold: services.municipality.suppressionThreshold,
    month: overview.month,
    months: overview.months,
    sent: figureText(overview.sent),
    responded: figureText(overview.responded),
    warnings: figureText(overview.warnings),
    phenomena: overview.phenomena.map((p) => ({ id: p.id, label: p.label, cityWide: figureText(p.cityWide) })),
    mailSubscribed: await isSubscribedToMonthlyMail(services, viewer.id),
  };
}

/** Turns the monthly e-mail on or off (a plain form post: it works without JavaScript). */
export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "signals:own");
  const { t } = context.get(i18nContext);
  const parsed = monthlyMailFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ changed: null, error: t("programme:monthly.mail_bad_choice") }, { status: 400 });
  await setMonthlyMail(context.get(servicesContext), viewer.id, parsed.data.mail === "aan");
  return { changed: parsed.data.mail, error: null };
}

export default function MonthlyOverview({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("programme");
  const figures = [
    ["sent", loaderData.sent],
    ["responded", loaderData.responded],
    ["warnings", loaderData.warnings],
  ] as const;
  return (
    <div className="stack">
      <PageTitle>{`${t("monthly.title")} · ${loaderData.month}`}</PageTitle>
      <Heading level={1}>{t("monthly.title")}</Heading>
      <Paragraph>{t("monthly.intro", { threshold: loaderData.threshold })}</Paragraph>
      <Form method="get" className="filter-form">
        <SelectField label={t("monthly.month")} name="maand" defaultValue={loaderData.month} options={loaderData.months.map((month) => ({ value: month, label: month }))} />
        <Button appearance="secondary">{t("monthly.show")}</Button>
      </Form>
      <dl className="monthly-figures" data-testid="monthly-figures">
        {figures.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`monthly.${key}`)}</dt>
            <dd>
              <Ltr>{value}</Ltr>
            </dd>
          </div>
        ))}
      </dl>
      <Heading level={2}>{t("monthly.phenomena_heading")}</Heading>
      {loaderData.phenomena.length ? (
        <>
          <Paragraph>{t("monthly.phenomena_intro")}</Paragraph>
          <ul className="utrecht-unordered-list" data-testid="monthly-phenomena">
            {loaderData.phenomena.map((phenomenon) => (
              <li key={phenomenon.id} className="utrecht-unordered-list__item">
                {phenomenon.label}: <Ltr>{phenomenon.cityWide}</Ltr>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Paragraph>{t("monthly.phenomena_none")}</Paragraph>
      )}
      <Paragraph>{t("monthly.thanks")}</Paragraph>
      <section className="stack" aria-labelledby="monthly-mail-heading" data-testid="monthly-mail">
        <Heading level={2} id="monthly-mail-heading">
          {t("monthly.mail_heading")}
        </Heading>
        {actionData?.error ? <Alert kind="error">{actionData.error}</Alert> : null}
        {actionData?.changed ? <Alert kind="ok">{t(actionData.changed === "aan" ? "monthly.mail_subscribed" : "monthly.mail_unsubscribed")}</Alert> : null}
        <Paragraph>{t(loaderData.mailSubscribed ? "monthly.mail_on_text" : "monthly.mail_off_text")}</Paragraph>
        <Form method="post">
          <input type="hidden" name="mail" value={loaderData.mailSubscribed ? "uit" : "aan"} />
          <Button appearance={loaderData.mailSubscribed ? "secondary" : "primary"}>{t(loaderData.mailSubscribed ? "monthly.mail_unsubscribe" : "monthly.mail_subscribe")}</Button>
        </Form>
      </section>
    </div>
  );
}
