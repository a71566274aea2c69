import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { startClientI18n } from "./i18n/client-i18n.ts";
import { loadClientResources } from "./i18n/client-resources.ts";
import { defaultLanguage, isLanguage } from "./i18n/languages.ts";

async function hydrate() {
  const lang = document.documentElement.lang;
  const language = isLanguage(lang) ? lang : defaultLanguage;
  const i18n = await startClientI18n(language, loadClientResources);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <HydratedRouter />
        </I18nextProvider>
      </StrictMode>,
    );
  });
}

void hydrate();
