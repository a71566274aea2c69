import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { languageNames, type Language } from "#app/i18n/languages.ts";
import { withLanguage } from "#app/i18n/localized-path.ts";

/**
 * Plain links to the same page in another language, so the resident keeps
 * their place (and it works without JavaScript). A full page load, because the
 * browser holds only the current language's strings.
 */
export function LanguageSwitch({ current, offered }: { current: Language; offered: readonly Language[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <nav className="language-switch" aria-label={t("shell.language_switch")}>
      <ul>
        {offered.map((language) => (
          <li key={language}>
            <a
              href={withLanguage(here, language)}
              hrefLang={language}
              lang={language}
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
