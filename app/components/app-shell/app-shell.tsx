import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, NavLink } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import type { Language } from "#app/i18n/languages.ts";
import { useLocalizedPath } from "#app/i18n/localized-path.ts";
import { LanguageSwitch } from "./language-switch.tsx";
import { isolated } from "#app/i18n/bidi.tsx";

export interface ShellViewer {
  displayName: string;
  role: string;
  organisationName: string | null;
}

export interface ShellProps {
  municipalityName: string;
  viewer: ShellViewer | null;
  navigation: { to: string; label: string; badge?: { count: number; label: string } }[];
  language: Language;
  languagesOffered: readonly Language[];
  children: ReactNode;
}

export function AppShell({ municipalityName, viewer, navigation, language, languagesOffered, children }: ShellProps) {
  const { t } = useTranslation();
  const localized = useLocalizedPath();
  // Staff on a phone get a compact header: the brand and a "Menu" that opens the navigation,
  // the language and the account (a details element: no JavaScript needed). Wider, or for
  // ambassadors and residents, everything stays in view. Only one of the two is displayed.
  const compact = viewer !== null && viewer.role !== "ambassador" && navigation.length > 0;
  const navigationList = (
    <ul>
      {navigation.map((item) => (
        <li key={item.to}>
          <NavLink className="utrecht-link" to={item.to} end={item.to === "/start"}>
            {t(item.label)}
            {item.badge && item.badge.count > 0 ? (
              <>
                <span className="nav-badge" aria-hidden="true">
                  {item.badge.count}
                </span>
                <span className="visually-hidden"> ({t(item.badge.label, { count: item.badge.count })})</span>
              </>
            ) : null}
          </NavLink>
        </li>
      ))}
    </ul>
  );
  const account = viewer ? (
    <>
      <span>
        {isolated(t, "shell.logged_in_as", { name: viewer.displayName })} <span className="muted">({t(`roles.${viewer.role}`)})</span>
      </span>
      <Form method="post" action="/uitloggen" reloadDocument>
        <Button appearance="secondary">{t("shell.log_out")}</Button>
      </Form>
    </>
  ) : (
    <a className="utrecht-link" href={localized("/inloggen")}>
      {t("shell.log_in")}
    </a>
  );
  return (
    <div className={`shell ${compact ? "shell--compact" : ""}`.trim()}>
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
        {t("shell.skip_to_content")}
      </a>
      <header className="utrecht-page-header">
        <div className="shell-header">
          <a className="brand" href={localized(viewer ? "/start" : "/")}>
            Wijkwijs
            <span className="brand__municipality">{isolated(t, "shell.municipality", { name: municipalityName })}</span>
          </a>
          <div className="shell-wide">
            <LanguageSwitch current={language} offered={languagesOffered} />
          </div>
          <div className="shell-account shell-wide">{account}</div>
          {compact ? (
            <details className="shell-menu">
              <summary>{t("shell.menu")}</summary>
              <div className="shell-menu__content">
                <nav className="shell-menu__nav" aria-label={t("nav.label")}>
                  {navigationList}
                </nav>
                <LanguageSwitch current={language} offered={languagesOffered} />
                <div className="shell-account">{account}</div>
              </div>
            </details>
          ) : null}
        </div>
        {navigation.length > 0 ? (
          <nav className="shell-nav shell-wide" aria-label={t("nav.label")}>
            {navigationList}
          </nav>
        ) : null}
      </header>
      <main id="inhoud" className="page-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="utrecht-page-footer shell-footer">
        <ul>
          <li>
            <a href={localized("/")}>{t("shell.footer_home")}</a>
          </li>
          <li>
            <a href={localized("/privacy")}>{t("privacy:privacy.footer_link")}</a>
          </li>
          <li>{t("shell.footer_privacy_note")}</li>
        </ul>
      </footer>
    </div>
  );
}
