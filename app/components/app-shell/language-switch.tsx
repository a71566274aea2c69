import { useTranslation } from "react-i18next";
import { useLocation, useMatches, useRouteLoaderData } from "react-router";
import { sameOriginPath } from "#app/features/auth/safe-path.ts";
import { languageNames, textDirection, type Language } from "#app/i18n/languages.ts";
import { withLanguage } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

interface RootViewerData {
  viewer: { pending?: boolean } | null;
}

/**
 * The same page in another language, so the visitor keeps their place (and it
 * works without JavaScript). A full page load, because the browser holds only
 * the current language's strings.
 *
 * Residents (and staff looking at a resident page to share it) get links with
 * ?lang=, which change nothing but the page. A logged-in person on their own
 * pages gets buttons that post the choice to their account: a saved preference
 * changes only by a form post, never by following a link someone sent.
 */
export function LanguageSwitch({ current, offered }: { current: Language; offered: readonly Language[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const matches = useMatches();
  const root = useRouteLoaderData("root") as RootViewerData | undefined;
  // The page's own path, unless it would lead elsewhere once normalised (a "//host" path on the 404 page).
  const here = sameOriginPath(`${location.pathname}${location.search}`) ?? "/";
  const residentPage = matches.some((match) => (match.handle as RouteHandle | undefined)?.languages === "resident");
  const savesChoice = root?.viewer != null && !root.viewer.pending && !residentPage;

  if (savesChoice) {
    return (
      <nav className="language-switch" aria-label={t("shell.language_switch")}>
        <form method="post" action="/account">
          <input type="hidden" name="intent" value="language" />
          <input type="hidden" name="terug" value={here} />
          <ul>
            {offered.map((language) => (
              <li key={language}>
                <button
                  type="submit"
                  name="language"
                  value={language}
                  lang={language}
                  dir={textDirection(language)}
                  aria-current={language === current ? "true" : undefined}
                  className="language-switch__choice"
                >
                  {languageNames[language]}
                </button>
              </li>
            ))}
          </ul>
        </form>
      </nav>
    );
  }
  return (
    <nav className="language-switch" aria-label={t("shell.language_switch")}>
      <ul>
        {offered.map((language) => (
          <li key={language}>
            <a
              href={withLanguage(here, language)}
              hrefLang={language}
              lang={language}
              dir={textDirection(language)}
              aria-current={language === current ? "true" : undefined}
              data-discover="false"
            >
              {languageNames[language]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
