import { useTranslation } from "react-i18next";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import type { WarningView } from "./warnings.server.ts";
import { isolated } from "#app/i18n/bidi.tsx";
import { formatCalendarDate } from "#app/calendar/format.ts";

/**
 * The current warnings on an ambassador's start page. Each carries its last
 * day, so that the page script hides it once it expired even when the page
 * is shown from the device's copy without a connection.
 */
export function WarningList({ warnings, flowTitles }: { warnings: WarningView[]; flowTitles: Record<string, string> }) {
  const { t, i18n } = useTranslation("warnings");
  if (warnings.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="warnings-title">
      <Heading level={2} id="warnings-title">
        {t("home.title")}
      </Heading>
      <ul className="signal-list">
        {warnings.map((warning) => (
          <li key={warning.id} className="card warning-card" data-expires-on={warning.expiresOn} data-testid="current-warning">
            <Heading level={3}>
              <a className="utrecht-link" href={`/waarschuwingen/${warning.id}`} dir="auto">
                {warning.title}
              </a>
            </Heading>
            <Paragraph dir="auto">{warning.body}</Paragraph>
            <Paragraph className="muted">
              {warning.phenomenonLabel} · {isolated(t, "home.until", { date: formatCalendarDate(warning.expiresOn, i18n.language) })}
            </Paragraph>
            {warning.flowId && flowTitles[warning.flowId] ? (
              <Paragraph>
                <a className="utrecht-link" href={`/hulp/${warning.flowId}`}>
                  {isolated(t, "home.flow", { title: flowTitles[warning.flowId]! })}
                </a>
              </Paragraph>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
