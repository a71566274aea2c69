import { useTranslation } from "react-i18next";
import type { Route } from "./+types/read";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { formatDateTime } from "#app/calendar/format.ts";
import { newslettersFor } from "#app/features/newsletter/newsletter.server.ts";
import { isolated } from "#app/i18n/bidi.tsx";
import type { RouteHandle } from "#app/route-handle.ts";

// Ambassadors read the newsletters meant for them (where the push leads).
// The letters are written by the coordinator, in Dutch.

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "newsletter:read");
  const { language } = context.get(i18nContext);
  const letters = await newslettersFor(context.get(servicesContext), viewer);
  return { letters: letters.map((letter) => ({ ...letter, createdAt: formatDateTime(letter.createdAt, language) })) };
}

export default function ReadNewsletters({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("newsletter");
  return (
    <div className="stack">
      <PageTitle>{t("reader.title")}</PageTitle>
      <Heading level={1}>{t("reader.title")}</Heading>
      {loaderData.letters.length === 0 ? <Paragraph>{t("reader.empty")}</Paragraph> : null}
      {loaderData.letters.map((letter) => (
        <article key={letter.id} className="stack card" aria-labelledby={`letter-${letter.id}`} data-testid="newsletter">
          <Heading level={2} id={`letter-${letter.id}`}>
            <span lang="nl">{letter.subject}</span>
          </Heading>
          <Paragraph className="muted">{isolated(t, "reader.sent_on", { date: <Ltr>{letter.createdAt}</Ltr> })}</Paragraph>
          {letter.paragraphs.map((paragraph, index) => (
            <Paragraph key={index} lang="nl">
              {paragraph}
            </Paragraph>
          ))}
        </article>
      ))}
    </div>
  );
}
