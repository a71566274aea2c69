import { useTranslation } from "react-i18next";
import type { Route } from "./+types/index";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { RichText } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { listFlows, searchFlows, type FlowListItem } from "#app/features/flows/flows.ts";
import { InLanguage, LanguageField } from "#app/features/flows/help-components.tsx";
import helpStyles from "#app/features/flows/help.css?url";
import type { Language } from "#app/i18n/languages.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { hydrate: false, languages: "resident" };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: helpStyles }];

const MAX_QUERY = 100;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { content } = context.get(servicesContext);
  const { language, t } = context.get(i18nContext);
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim();
  const flows = listFlows(content, language);
  if (query.length > MAX_QUERY) {
    return { language, query, queryError: t("errors.too_long", { count: MAX_QUERY }), results: null, flows };
  }
  return { language, query, queryError: null, results: query ? searchFlows(content, query, language) : null, flows };
}

function FlowList({ flows, page }: { flows: FlowListItem[]; page: Language }) {
  const localized = useLocalizedPath();
  const { t } = useTranslation("flows");
  return (
    <ul className="card-grid">
      {flows.map((flow) => (
        <li key={flow.id} className="card">
          <InLanguage language={flow.language} page={page}>
            <Heading level={3}>
              <a className="utrecht-link" href={localized(`/hulp/${flow.id}`)}>
                <RichText text={flow.title} call={false} />
              </a>
            </Heading>
            <Paragraph>
              <RichText text={flow.summary} />
            </Paragraph>
          </InLanguage>
          {flow.fallback ? <Paragraph className="muted">{t("fallback.item")}</Paragraph> : null}
        </li>
      ))}
    </ul>
  );
}

export default function HelpIndex({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("flows");
  const localized = useLocalizedPath();
  const { language, query, queryError, results, flows } = loaderData;
  const forResidents = flows.filter((flow) => !flow.audiences.every((audience) => audience === "entrepreneurs"));
  const forEntrepreneurs = flows.filter((flow) => flow.audiences.every((audience) => audience === "entrepreneurs"));
  const intro = (
    <>
      <Paragraph lead>{t("help.intro")}</Paragraph>
      <Alert kind="warning">
        <Paragraph>
          <RichText text={t("help.emergency")} />
        </Paragraph>
      </Alert>
    </>
  );
  return (
    <div className="stack">
      <PageTitle>{t("help.title")}</PageTitle>
      <Heading level={1}>{t("help.title")}</Heading>
      {/* After a search the results come first: on a phone the introduction would push them below the fold. */}
      {results ? null : intro}

      <ErrorSummary items={errorSummaryItems(queryError ? { fieldErrors: { q: [queryError] } } : null, ["q"])} answer={loaderData} />
      <form method="get" action="/hulp" className="search-form" role="search">
        <LanguageField />
        <TextField
          label={t("help.search_label")}
          description={results ? undefined : t("help.search_hint")}
          name="q"
          type="search"
          defaultValue={query}
          errors={queryError ? [queryError] : undefined}
        />
        <div className="actions">
          <Button>{t("help.search_submit")}</Button>
          {query ? (
            <a className="utrecht-link" href={localized("/hulp")}>
              {t("help.clear_search")}
            </a>
          ) : null}
        </div>
      </form>

      {results ? (
        <section className="stack" aria-labelledby="search-results">
          <Heading level={2} id="search-results">
            {t("help.search_results", { query })}
          </Heading>
          {results.length ? <FlowList flows={results} page={language} /> : <Paragraph>{t("help.search_empty")}</Paragraph>}
        </section>
      ) : null}
      {results ? intro : null}

      <section className="stack" aria-labelledby="all-flows">
        <Heading level={2} id="all-flows">
          {t("help.all_flows")}
        </Heading>
        <FlowList flows={forResidents} page={language} />
      </section>
      {forEntrepreneurs.length ? (
        <section className="stack" aria-labelledby="entrepreneur-flows">
          <Heading level={2} id="entrepreneur-flows">
            {t("help.for_entrepreneurs")}
          </Heading>
          <FlowList flows={forEntrepreneurs} page={language} />
        </section>
      ) : null}
      <Paragraph>
        <a className="utrecht-link" href={localized("/tips")}>
          {t("help.to_tips")}
        </a>
      </Paragraph>
    </div>
  );
}
