import { useEffect } from "react";
import { useTranslation } from "react-i18next";

// What pages carry for the installable app: the manifest, and for logged-in
// people the page script (production builds only; in development Vite serves
// the app and no worker is built) and the hidden "new version" prompt it
// shows. Residents get neither script nor service worker (decisions 0007, 0300).

export const THEME_COLOR = "#1260a1";

export function PwaHead({ role }: { role: string | null }) {
  return (
    <>
      <link rel="manifest" href="/manifest.webmanifest" />
      <meta name="theme-color" content={THEME_COLOR} />
      <link rel="icon" href="/favicon.ico" sizes="32x32" />
      <link rel="icon" href="/icons/icon-192.png" type="image/png" sizes="192x192" />
      <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
      {/* Ambassadors have a signal outbox on their device; residents get no such storage. */}
      {role === "ambassador" ? <meta name="wijkwijs-outbox" content="on" /> : null}
      {import.meta.env.PROD && role !== null ? <script src="/pwa.js" defer /> : null}
    </>
  );
}

/**
 * Starts the page script when a person enters the logged-in app without a
 * new document — logging in moves to /start by a client-side navigation, and
 * a <script> that React adds to the head is never run. The script itself runs
 * once per document, however often this asks.
 */
export function usePageScript(role: string | null): void {
  useEffect(() => {
    if (!import.meta.env.PROD || role === null) return;
    if ((window as Window & { __wijkwijsPwa?: boolean }).__wijkwijsPwa) return;
    const script = document.createElement("script");
    script.src = "/pwa.js";
    document.head.append(script);
  }, [role]);
}

export function UpdatePrompt() {
  const { t } = useTranslation("pwa");
  return (
    <div id="pwa-update" className="pwa-update" role="status" hidden>
      <p className="utrecht-paragraph">{t("update.text")}</p>
      <button id="pwa-update-reload" type="button" className="utrecht-button utrecht-button--primary-action">
        {t("update.reload")}
      </button>
    </div>
  );
}

/** The "install the app" hint on an ambassador's start page; the page script shows the part that applies. */
export function InstallHint() {
  const { t } = useTranslation("pwa");
  return (
    <section id="pwa-install" className="card pwa-install" aria-labelledby="pwa-install-title" hidden>
      <h2 id="pwa-install-title" className="utrecht-heading-2">
        {t("install.title")}
      </h2>
      <p className="utrecht-paragraph">{t("install.body")}</p>
      <button id="pwa-install-button" type="button" className="utrecht-button utrecht-button--primary-action" hidden>
        {t("install.button")}
      </button>
      <div id="pwa-install-ios" hidden>
        <h3 className="utrecht-heading-3">{t("install.ios_title")}</h3>
        <ol className="utrecht-ordered-list">
          <li>{t("install.ios_share")}</li>
          <li>{t("install.ios_add")}</li>
        </ol>
        <p className="utrecht-paragraph">{t("install.ios_push")}</p>
      </div>
    </section>
  );
}
