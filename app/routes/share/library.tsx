import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/library";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { audiences, contentLanguage } from "#app/features/content/schemas.ts";
import helpStyles from "#app/features/flows/help.css?url";
import { libraryFilterSchema, libraryPhenomena, searchLibrary, type LibraryItem } from "#app/features/sharing/library.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { isolated } from "#app/i18n/bidi.tsx";
import { isLanguage, languageNames, textDirection, type Language } from "#app/i18n/languages.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: helpStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "library:use");
  const { content } = context.get(servicesContext);
  const { language, t } = context.get(i18nContext);
  const params = new URL(request.url).searchParams;
  const parsed = parseForm(libraryFilterSchema(content), params, t);
  const filter = parsed.success ? parsed.data : { q: "", soort: "" as const, fenomeen: "", doelgroep: "" };
  return {
    results: searchLibrary(content, filter, language),
    values: parsed.success ? filter : { ...filter, q: params.get("q") ?? "" },
    fieldErrors: parsed.success ? {} : parsed.fieldErrors,
    filtered: Boolean(filter.q || filter.soort || filter.fenomeen || filter.doelgroep),
    phenomena: libraryPhenomena(content, language),
  };
}

function ItemList({ items }: { items: LibraryItem[] }) {
  const { t, i18n } = useTranslation("flows");
  const page: Language = isLanguage(i18n.language) ? i18n.language : "nl";
  return (
    <ul className="card-grid">
      {items.map((item) => {
        // An item not yet in the page's language is shown in Dutch, marked up as Dutch.
        const shown = contentLanguage(item.languages, page).language;
        const marked = shown === page ? {} : { lang: shown, dir: textDirection(shown) };
        return (
          <li key={item.id} className="card stack" data-item={`${item.kind}/${item.id}`}>
            <Heading level={3} {...marked}>
              {item.title}
            </Heading>
            <Paragraph {...marked}>{item.text}</Paragraph>
            <ul className="tag-list" aria-label={t("library.tags")}>
              {item.phenomena.map((label) => (
                <li key={label} className="tag">
                  {label}
                </li>
              ))}
              {item.audiences.map((audience) => (
                <li key={audience} className="tag">
                  {t(`tips:audiences.${audience}`)}
                </li>
              ))}
            </ul>
            <Paragraph className="muted">
              {isolated(t, "library.languages", {
                languages: item.languages.map((code, index) => (
                  <span key={code}>
                    {index > 0 ? ", " : null}
                    <bdi lang={code}>{languageNames[code]}</bdi>
                  </span>
                )),
              })}
            </Paragraph>
            <div className="actions">
              <Link
                className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
                to={`/delen/${item.kind}/${item.id}`}
              >
                {t("library.share")}
                <span className="visually-hidden">{` – ${item.title}`}</span>
              </Link>
              <a className="utrecht-link" href={`/${item.kind}/${item.id}`} target="_blank" rel="noreferrer">
                {t("library.view")}
                <span className="visually-hidden">{` – ${item.title}`}</span>
              </a>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export default function Library({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("flows");
  const { results, values, fieldErrors, filtered, phenomena } = loaderData;
  const errors = fieldErrors as Record<string, string[] | undefined>;
  const nothing = results.flows.length === 0 && results.tips.length === 0;
  return (
    <div className="stack">
      <PageTitle>{t("library.title")}</PageTitle>
      <Heading level={1}>{t("library.title")}</Heading>
      <Paragraph lead>{t("library.intro")}</Paragraph>
      <ErrorSummary items={errorSummaryItems({ fieldErrors: fieldErrors as Record<string, string[]> }, ["q", "soort", "fenomeen", "doelgroep"])} answer={loaderData} />
      <Form method="get" className="filter-form">
        <TextField label={t("library.search_label")} description={t("library.search_hint")} name="q" type="search" defaultValue={values.q} errors={errors.q} />
        <SelectField
          label={t("library.filter_kind")}
          name="soort"
          defaultValue={values.soort}
          placeholder={t("library.all_kinds")}
          options={[
            { value: "hulp", label: t("library.kind_flows") },
            { value: "tips", label: t("library.kind_tips") },
          ]}
          errors={errors.soort}
        />
        <SelectField
          label={t("library.filter_phenomenon")}
          name="fenomeen"
          defaultValue={values.fenomeen}
          placeholder={t("library.all_phenomena")}
          options={phenomena}
          errors={errors.fenomeen}
        />
        <SelectField
          label={t("library.filter_audience")}
          name="doelgroep"
          defaultValue={values.doelgroep}
          placeholder={t("library.all_audiences")}
          options={audiences.map((audience) => ({ value: audience, label: t(`tips:audiences.${audience}`) }))}
          errors={errors.doelgroep}
        />
        <div className="actions">
          <Button>{t("library.filter_submit")}</Button>
          {filtered ? <Link to="/delen">{t("library.clear_filter")}</Link> : null}
        </div>
      </Form>
      {nothing ? <Paragraph role="status">{t("library.empty")}</Paragraph> : null}
      {results.flows.length ? (
        <section className="stack" aria-labelledby="library-flows">
          <Heading level={2} id="library-flows">
            {t("library.flows_title", { count: results.flows.length })}
          </Heading>
          <ItemList items={results.flows} />
        </section>
      ) : null}
      {results.tips.length ? (
        <section className="stack" aria-labelledby="library-tips">
          <Heading level={2} id="library-tips">
            {t("library.tips_title", { count: results.tips.length })}
          </Heading>
          <ItemList items={results.tips} />
        </section>
      ) : null}
    </div>
  );
}
