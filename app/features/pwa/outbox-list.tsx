import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRevalidator } from "react-router";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { formatDateTime } from "#app/calendar/format.ts";
import { sendOutbox } from "./device-data.ts";
import { listOutbox, OUTBOX_CHANNEL, removeFromOutbox, type OutboxEntry } from "./outbox.ts";

/**
 * The signals on this device that have not reached the server yet: waiting
 * for a connection, or refused with the server's reason. Exists only in the
 * browser (the server cannot know about them), so it renders after hydration.
 */
export function OutboxList() {
  const { t, i18n } = useTranslation("pwa");
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const revalidator = useRevalidator();

  useEffect(() => {
    if (typeof indexedDB === "undefined") return;
    let active = true;
    const load = () => void listOutbox().then((list) => active && setEntries(list), () => undefined);
    // Online, what is waiting is sent first (a signal sent a moment ago is confirmed
    // by the server and leaves the outbox), so only what really waits is listed.
    if (navigator.onLine) void sendOutbox().catch(() => undefined).finally(load);
    else load();
    const channel = new BroadcastChannel(OUTBOX_CHANNEL);
    channel.onmessage = () => {
      load();
      // Sent signals now come from the server: fetch the list again.
      if (navigator.onLine) void revalidator.revalidate();
    };
    return () => {
      active = false;
      channel.close();
    };
  }, []);

  if (entries.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="outbox-title">
      <Heading level={2} id="outbox-title">
        {t("outbox.title")}
      </Heading>
      <ul className="signal-list" aria-label={t("outbox.title")}>
        {entries.map((entry) => (
          <li key={entry.key} className="card" data-testid="outbox-signal">
            <Heading level={3}>{entry.label}</Heading>
            <p className="utrecht-paragraph">
              <span className={`utrecht-status-badge utrecht-status-badge--${entry.status === "refused" ? "error" : "warning"}`}>
                {entry.status === "refused" ? t("outbox.refused") : t("outbox.waiting")}
              </span>{" "}
              <span className="muted">{t("outbox.composed_at", { when: formatDateTime(entry.createdAt, i18n.language) })}</span>
            </p>
            {entry.status === "refused" ? (
              <Alert kind="warning" title={t("outbox.refused_reason")}>
                <ul className="utrecht-unordered-list">
                  {(entry.reasons?.length ? entry.reasons : [t("outbox.refused_unknown")]).map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </Alert>
            ) : (
              <Paragraph className="muted">{t("outbox.waiting_hint")}</Paragraph>
            )}
            <div className="actions">
              {entry.status === "waiting" ? (
                <Button type="button" appearance="secondary" onClick={() => void sendOutbox().catch(() => undefined)}>
                  {t("outbox.send_now")}
                </Button>
              ) : null}
              <Button type="button" appearance="subtle" onClick={() => void removeFromOutbox(entry.key)}>
                {t("outbox.remove")}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
