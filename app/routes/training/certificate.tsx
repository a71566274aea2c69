import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/certificate";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { certificatePage } from "#app/features/training/views.server.ts";
import { isolated } from "#app/i18n/bidi.tsx";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "training:take");
  const { language, t } = context.get(i18nContext);
  const certificate = await certificatePage(context.get(servicesContext), viewer, language);
  // No certificate for an ambassador who did not pass (or whose certificate lapsed): a clear refusal, not an empty page.
  if (!certificate) throw data({ message: t("training:errors.not_certified") }, { status: 403 });
  return certificate;
}

export default function Certificate({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("training");
  const c = loaderData;
  return (
    <div className="stack">
      <PageTitle>{`${t("certificate.title")} · ${c.name}`}</PageTitle>
      <Paragraph className="no-print">
        <Link className="utrecht-link" to="/training">
          {t("module.back")}
        </Link>
      </Paragraph>
      <Paragraph className="no-print muted">{t("certificate.print_hint")}</Paragraph>
      <article className="certificate" data-testid="certificate">
        <Heading level={1}>{t("certificate.heading")}</Heading>
        <Paragraph className="certificate-name">
          <bdi>{c.name}</bdi>
        </Paragraph>
        <Paragraph lead>{isolated(t, "certificate.body", { name: c.name, municipality: c.municipality })}</Paragraph>
        {c.organisation ? <Paragraph>{isolated(t, "certificate.organisation", { organisation: c.organisation })}</Paragraph> : null}
        <Paragraph>{isolated(t, "certificate.valid", { from: <Ltr>{c.from}</Ltr>, until: <Ltr>{c.until}</Ltr> })}</Paragraph>
        <Paragraph>{t("certificate.modules")}</Paragraph>
        <ul className="utrecht-unordered-list">
          {c.modules.map((title) => (
            <li key={title} className="utrecht-unordered-list__item">
              {title}
            </li>
          ))}
        </ul>
      </article>
    </div>
  );
}
