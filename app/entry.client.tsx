import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { loadRemainingNamespaces, startClientI18n } from "./i18n/client-i18n.ts";
import { loadClientResources } from "./i18n/client-resources.ts";
import { defaultLanguage, isLanguage } from "./i18n/languages.ts";
import { namespacesOfThisPage } from "./i18n/used-namespaces.tsx";

async function hydrate() {
  const lang = document.documentElement.lang;
  const language = isLanguage(lang) ? lang : defaultLanguage;
  const i18n = await startClientI18n(language, loadClientResources, namespacesOfThisPage() ?? undefined);
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
  // The other namespaces, for the pages after this one, once the browser has nothing better to do.
  const later = () => void loadRemainingNamespaces();
  if ("requestIdleCallback" in window) requestIdleCallback(later, { timeout: 3000 });
  else setTimeout(later, 1000);
}

void hydrate();
