import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/calendar/format.ts";
import type { AmbassadorResponse } from "./responses.server.ts";

/** A response as the sending organisation reads it: in the language it is in, with its direction. */
export function ResponseCard({ response, children }: { response: AmbassadorResponse; children?: ReactNode }) {
  const { t, i18n } = useTranslation("responses");
  return (
    <blockquote className="feedback utrecht-blockquote" data-testid="signal-response">
      <div lang={response.language} dir={response.dir}>
        {response.title ? <p className="utrecht-paragraph alert-title">{response.title}</p> : null}
        <p className="utrecht-paragraph feedback__text">{response.body}</p>
      </div>
      <p className="utrecht-paragraph muted">{t("ambassador.sent_on", { when: formatDateTime(response.createdAt, i18n.language) })}</p>
      {children}
    </blockquote>
  );
}
