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
  return (
    <div className="shell">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
        {t("shell.skip_to_content")}
      </a>
      <header className="utrecht-page-header">
        <div className="shell-header">
          <a className="brand" href={localized(viewer ? "/start" : "/")}>
            Wijkwijs
            <span className="brand__municipality">{isolated(t, "shell.municipality", { name: municipalityName })}</span>
          </a>
          <LanguageSwitch current={language} offered={languagesOffered} />
          <div className="shell-account">
            {viewer ? (
              <>
                <span>
                  {isolated(t, "shell.logged_in_as", { name: viewer.displayName })}{" "}
                  <span className="muted">({t(`roles.${viewer.role}`)})</span>
                </span>
                <Form method="post" action="/uitloggen" reloadDocument>
                  <Button appearance="secondary">{t("shell.log_out")}</Button>
                </Form>
              </>
            ) : (
              <a className="utrecht-link" href={localized("/inloggen")}>
                {t("shell.log_in")}
              </a>
            )}
          </div>
        </div>
        {navigation.length > 0 ? (
          <nav className="shell-nav" aria-label={t("nav.label")}>
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
