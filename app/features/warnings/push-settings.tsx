import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRevalidator } from "react-router";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";

// The push switch on the account page. Push is a property of a device (its
// browser's subscription), so the switch runs in the browser: it asks for
// permission, subscribes with the server's VAPID key, and hands the
// subscription to the server. Without JavaScript it says so.

type State = "unknown" | "unsupported" | "on" | "off";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function post(body: unknown): Promise<boolean> {
  const response = await fetch("/account/meldingen", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return response.ok;
}

export function PushSettings({ publicKey, devices, audience }: { publicKey: string; devices: number; audience: "ambassador" | "staff" }) {
  const { t } = useTranslation("warnings");
  const revalidator = useRevalidator();
  const [state, setState] = useState<State>("unknown");
  const [problem, setProblem] = useState<"denied" | "failed" | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
      setState("unsupported");
      return;
    }
    void navigator.serviceWorker.ready
      .then((registration) => registration.pushManager.getSubscription())
      .then((subscription) => setState(subscription ? "on" : "off"), () => setState("unsupported"));
  }, []);

  async function switchOn() {
    setBusy(true);
    setProblem(null);
    try {
      if ((await Notification.requestPermission()) !== "granted") {
        setProblem("denied");
        return;
      }
      const registration = await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      if (!(await post(subscription.toJSON()))) throw new Error("not stored");
      setState("on");
      void revalidator.revalidate();
    } catch {
      setProblem("failed");
    } finally {
      setBusy(false);
    }
  }

  async function switchOff() {
    setBusy(true);
    setProblem(null);
    try {
      const registration = await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.getSubscription();
      if (subscription) {
        await post({ intent: "unsubscribe", endpoint: subscription.endpoint });
        await subscription.unsubscribe();
      }
      setState("off");
      void revalidator.revalidate();
    } catch {
      setProblem("failed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="stack" aria-labelledby="push-title">
      <Heading level={2} id="push-title">
        {t("push.title")}
      </Heading>
      <Paragraph>{t(audience === "ambassador" ? "push.intro_ambassador" : "push.intro_staff")}</Paragraph>
      {devices > 0 ? <Paragraph data-testid="push-devices">{t("push.devices", { count: devices })}</Paragraph> : null}
      <noscript>
        <Paragraph>{t("push.no_script")}</Paragraph>
      </noscript>
      {state === "unsupported" ? <Paragraph>{t("push.unsupported")}</Paragraph> : null}
      {state === "on" || state === "off" ? (
        <>
          <Paragraph aria-live="polite">{t(state === "on" ? "push.status_on" : "push.status_off")}</Paragraph>
          <div className="actions">
            {state === "off" ? (
              <Button type="button" busy={busy} disabled={busy} onClick={() => void switchOn()}>
                {t("push.on")}
              </Button>
            ) : (
              <Button type="button" appearance="secondary" busy={busy} disabled={busy} onClick={() => void switchOff()}>
                {t("push.off")}
              </Button>
            )}
          </div>
        </>
      ) : null}
      {problem ? <Alert kind="error">{t(`push.${problem}`)}</Alert> : null}
    </section>
  );
}
