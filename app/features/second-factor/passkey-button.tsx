import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";

// One button for the three passkey ceremonies. It appears only when the page
// runs JavaScript and the browser supports WebAuthn; without them people use
// their password and an authenticator-app code, which always works.

type Mode = "login" | "second-factor" | "register";

const steps: Record<Mode, { options: string; verify: string }> = {
  login: { options: "login-opties", verify: "inloggen" },
  "second-factor": { options: "tweede-stap-opties", verify: "tweede-stap" },
  register: { options: "registratie-opties", verify: "registratie" },
};

export function PasskeyButton({ mode, returnTo, label, appearance = "secondary" }: { mode: Mode; returnTo?: string; label: string; appearance?: "primary" | "secondary" }) {
  const { t } = useTranslation("security");
  const [supported, setSupported] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setSupported(typeof window !== "undefined" && "PublicKeyCredential" in window), []);
  if (!supported) return null;

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const { options: optionsStep, verify } = steps[mode];
      const optionsResponse = await fetch(`/passkeys/${optionsStep}`, { method: "POST", headers: { accept: "application/json" } });
      const optionsBody = (await optionsResponse.json()) as { ok: boolean; options?: unknown; message?: string };
      if (!optionsBody.ok) throw new Error(optionsBody.message ?? t("passkeys.errors.invalid"));
      const response =
        mode === "register"
          ? await startRegistration({ optionsJSON: optionsBody.options as never })
          : await startAuthentication({ optionsJSON: optionsBody.options as never });
      const verifyResponse = await fetch(`/passkeys/${verify}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ response, terug: returnTo ?? "", label: describeThisDevice() }),
      });
      const result = (await verifyResponse.json()) as { ok: boolean; redirect?: string; message?: string };
      if (!result.ok) throw new Error(result.message ?? t("passkeys.errors.invalid"));
      window.location.assign(result.redirect ?? "/start");
    } catch (caught) {
      const name = (caught as Error).name;
      setError(name === "NotAllowedError" || name === "AbortError" ? t("passkeys.errors.cancelled") : (caught as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="actions">
        <Button type="button" appearance={appearance} busy={busy} disabled={busy} onClick={() => void run()} data-testid={`passkey-${mode}`}>
          {label}
        </Button>
      </div>
    </div>
  );
}

function describeThisDevice(): string {
  const ua = navigator.userAgent;
  const system = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "";
  return system ? `Passkey · ${system}` : "Passkey";
}
