import { useTranslation } from "react-i18next";
import type { Route } from "./+types/index";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { audiences } from "#app/features/content/schemas.ts";
import { FallbackNotice, LanguageField } from "#app/features/flows/help-components.tsx";
import helpStyles from "#app/features/flows/help.css?url";
import { TipCard } from "#app/features/tips/tip-components.tsx";
import { filterTips, groupByPhenomenon, tipFilterSchema, tipPhenomena, tipView } from "#app/features/tips/tips.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { hydrate: false, languages: "resident" };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: helpStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { content } = context.get(servicesContext);
  const { language, t } = context.get(i18nContext);
  const params = new URL(request.url).searchParams;
  const parsed = parseForm(tipFilterSchema(content), params, t);
  // A filter value that is not one of the choices is shown as an error on its field; the list is then unfiltered.
  const filter = parsed.success ? parsed.data : { q: "", fenomeen: "", doelgroep: "" };
  const tips = filterTips(content, { query: filter.q, phenomenon: filter.fenomeen, audience: filter.doelgroep }).map((tip) =>
    tipView(content, tip, language),
  );
  return {
    language,
    count: tips.length,
    anyFallback: tips.some((tip) => tip.fallback),
    groups: groupByPhenomenon(tips),
    values: parsed.success ? filter : { q: params.get("q") ?? "", fenomeen: "", doelgroep: "" },
    fieldErrors: parsed.success ? {} : parsed.fieldErrors,
    filtered: Boolean(filter.q || filter.fenomeen || filter.doelgroep),
    phenomena: tipPhenomena(content, language),
  };
}

export default function Tips({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("tips");
  const localized = useLocalizedPath();
  const { count, anyFallback, groups, values, fieldErrors, filtered, phenomena, language } = loaderData;
  const errors = fieldErrors as Record<string, string[] | undefined>;
  return (
    <div className="stack">
      <PageTitle>{t("title")}</PageTitle>
      <Heading level={1}>{t("title")}</Heading>
      <Paragraph lead>{t("intro")}</Paragraph>
      <ErrorSummary items={errorSummaryItems({ fieldErrors: fieldErrors as Record<string, string[]> }, ["q", "fenomeen", "doelgroep"])} answer={loaderData} />
      <form method="get" action="/tips" className="filter-form">
        <LanguageField />
        <TextField label={t("search_label")} name="q" type="search" defaultValue={values.q} errors={errors.q} />
        <SelectField
          label={t("filter_phenomenon")}
          name="fenomeen"
          defaultValue={values.fenomeen}
          placeholder={t("all_phenomena")}
          options={phenomena}
          errors={errors.fenomeen}
        />
        <SelectField
          label={t("filter_audience")}
          name="doelgroep"
          defaultValue={values.doelgroep}
          placeholder={t("all_audiences")}
          options={audiences.map((audience) => ({ value: audience, label: t(`audiences.${audience}`) }))}
          errors={errors.doelgroep}
        />
        <div className="actions">
          <Button>{t("filter_submit")}</Button>
          {filtered ? (
            <a className="utrecht-link" href={localized("/tips")}>
              {t("clear_filter")}
            </a>
          ) : null}
        </div>
      </form>
      <Paragraph role="status">{t("count", { count })}</Paragraph>
      {anyFallback ? <FallbackNotice kind="tips" /> : null}
      {count === 0 ? <Paragraph>{values.q ? t("empty_search", { query: values.q }) : t("empty")}</Paragraph> : null}
      {groups.map((group) => (
        <section key={group.phenomenon} className="stack" aria-labelledby={`tips-${group.phenomenon}`}>
          <Heading level={2} id={`tips-${group.phenomenon}`}>
            {group.label}
          </Heading>
          <ul className="card-grid">
            {group.tips.map((tip) => (
              <TipCard key={tip.id} tip={tip} page={language} headingLevel={3} />
            ))}
          </ul>
        </section>
      ))}
      <Paragraph>
        <a className="utrecht-link" href={localized("/hulp")}>
          {t("to_help")}
        </a>
      </Paragraph>
    </div>
  );
}
