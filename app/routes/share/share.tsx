import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/share";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext } from "#app/context.server.ts";
import helpStyles from "#app/features/flows/help.css?url";
import { ShareActions } from "#app/features/sharing/share-actions.tsx";
import { loadShareTarget } from "#app/features/sharing/share-target.server.ts";
import { languageNames, languages } from "#app/i18n/languages.ts";
import type { RouteHandle } from "#app/route-handle.ts";
import { isolated } from "#app/i18n/bidi.tsx";

export const handle: RouteHandle = { languages: "ambassador" };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: helpStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const target = await loadShareTarget(request, params, context);
  const { language } = context.get(i18nContext);
  const { item, residentLanguage } = target;
  const base = `/delen/${item.kind}/${item.id}`;
  return {
    kind: item.kind,
    id: item.id,
    title: item.title(language),
    shareTitle: item.title(residentLanguage ?? language),
    shareText: item.text(residentLanguage ?? language),
    url: target.url,
    residentLanguage: residentLanguage ?? "",
    languageError: target.languageError,
    untranslated: residentLanguage !== null && !item.languages.includes(residentLanguage),
    organisationName: target.organisation?.name ?? null,
    qrSrc: `${base}/qr.svg${target.query}`,
    posterHref: `${base}/poster${target.query}`,
    publicPath: item.path,
  };
}

export default function Share({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("flows");
  const data = loaderData;
  const chosen = data.residentLanguage ? languageNames[data.residentLanguage as keyof typeof languageNames] : null;
  return (
    <div className="stack">
      <PageTitle>{t("share.title", { title: data.title })}</PageTitle>
      <p className="flow-context">{t(data.kind === "hulp" ? "share.kind_flow" : "share.kind_tip")}</p>
      <Heading level={1}>{isolated(t, "share.title", { title: data.title })}</Heading>
      <Paragraph>
        <Link to="/delen">{t("share.back_to_library")}</Link>
      </Paragraph>

      <ErrorSummary items={errorSummaryItems(data.languageError ? { fieldErrors: { taal: [data.languageError] } } : null, ["taal"])} answer={loaderData} />
      <Form method="get" className="filter-form">
        <SelectField
          label={t("share.language_label")}
          description={t("share.language_hint")}
          name="taal"
          defaultValue={data.residentLanguage}
          placeholder={t("share.language_phone")}
          options={languages.map((code) => ({ value: code, label: languageNames[code] }))}
          errors={data.languageError ? [data.languageError] : undefined}
        />
        <div className="actions">
          <Button appearance="secondary">{t("share.language_submit")}</Button>
        </div>
      </Form>
      {data.untranslated && chosen ? <Alert kind="warning">{isolated(t, "share.untranslated", { language: chosen })}</Alert> : null}

      <section className="stack" aria-labelledby="share-link">
        <Heading level={2} id="share-link">
          {t("share.link_title")}
        </Heading>
        <TextField label={t("share.link_label")} description={t("share.link_hint")} value={data.url} readOnly data-testid="share-url" />
        <ShareActions url={data.url} title={data.shareTitle} text={data.shareText} />
      </section>

      <section className="stack" aria-labelledby="share-qr">
        <Heading level={2} id="share-qr">
          {t("share.qr_title")}
        </Heading>
        <Paragraph>{t("share.qr_intro")}</Paragraph>
        <figure className="qr-code">
          <img src={data.qrSrc} alt={t("share.qr_alt", { title: data.shareTitle })} width={256} height={256} data-testid="share-qr" />
        </figure>
        <div className="actions">
          <a className="utrecht-link" href={data.qrSrc} download={`wijkwijs-${data.id}.svg`}>
            {t("share.qr_download")}
          </a>
          <Link
            className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            to={data.posterHref}
          >
            {t("share.poster_link")}
          </Link>
        </div>
      </section>

      <section className="stack" aria-labelledby="share-about">
        <Heading level={2} id="share-about">
          {t("share.about_title")}
        </Heading>
        <Paragraph>
          {data.organisationName ? isolated(t, "share.counted", { organisation: data.organisationName }) : t("share.not_counted")}
        </Paragraph>
        <Paragraph>
          <a className="utrecht-link" href={data.publicPath} target="_blank" rel="noreferrer">
            {t("share.preview")}
          </a>
        </Paragraph>
      </section>
    </div>
  );
}
