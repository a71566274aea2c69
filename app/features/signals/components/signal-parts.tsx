import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/calendar/format.ts";
import type { SignalStatus, SignalUrgency } from "../options.ts";
import { isolated } from "#app/i18n/bidi.tsx";

// Pieces every signal page shows the same way. Phenomenon labels come from the
// loaders (the taxonomy stays on the server, out of the browser bundle).

const statusBadge: Record<SignalStatus, string> = {
  received: "warning",
  seen: "active",
  in_progress: "active",
  forwarded_to_police: "active",
  handled: "success",
  reopened: "warning",
};

export function StatusBadge({ status }: { status: SignalStatus }) {
  const { t } = useTranslation("signals");
  return (
    <span className={`utrecht-status-badge utrecht-status-badge--${statusBadge[status]}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/** How long ago a signal arrived, and whether it is past its deadline (staff pages). */
export function AgeAndDeadline({ age, overdue }: { age: { unit: "hours" | "days"; count: number }; overdue: boolean }) {
  const { t } = useTranslation("signals");
  return (
    <>
      <span data-testid="signal-age">{t(`inbox.age_${age.unit}`, { count: age.count })}</span>
      {overdue ? (
        <>
          {" "}
          <span className="utrecht-status-badge utrecht-status-badge--danger" data-testid="signal-overdue">
            {t("inbox.overdue")}
          </span>
        </>
      ) : null}
    </>
  );
}

export function UrgencyBadge({ urgency }: { urgency: SignalUrgency }) {
  const { t } = useTranslation("signals");
  if (urgency !== "urgent") return null;
  return <span className="utrecht-status-badge utrecht-status-badge--danger">{t("urgency.urgent")}</span>;
}

export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="utrecht-data-list">
      {items.map((item) => (
        <div key={item.label} className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{item.label}</dt>
          <dd className="utrecht-data-list__item-value">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Feedback({ notes, heading }: { notes: { id: string; body: string; authorName: string | null; createdAt: string }[]; heading?: ReactNode }) {
  const { t, i18n } = useTranslation("signals");
  if (notes.length === 0) return null;
  return (
    <>
      {heading}
      {notes.map((note) => (
        <blockquote key={note.id} className="feedback utrecht-blockquote">
          <p className="utrecht-paragraph feedback__text" dir="auto">
            {note.body}
          </p>
          <p className="utrecht-paragraph muted">
            {isolated(t, "feedback_by", { name: note.authorName ?? t("removed_account") }, { when: formatDateTime(note.createdAt, i18n.language) })}
          </p>
        </blockquote>
      ))}
    </>
  );
}
