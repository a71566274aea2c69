import type React from "react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

// The error summary of every form (GOV.UK / NL Design System pattern): at the
// top of the page, one line per problem, each a link to its field. It takes
// the focus when it appears — after a submit with JavaScript, and on the page
// the server sends back without it (autofocus) — so that a person on a phone
// sees that something happened, and a screen reader reads it out.

export interface ErrorSummaryItem {
  message: string;
  /** The id of the field the message is about; absent for a message about the whole form. */
  fieldId?: string | null;
}

/** The id a field gets from its name when it has no id of its own (form-field.tsx). */
export function fieldIdFor(name: string): string {
  return `field-${name}`;
}

/**
 * The summary's lines for a form's answer: form-level messages first, then
 * one per field in the order of `fields` (the order of the form).
 */
export function errorSummaryItems(
  answer: { fieldErrors?: Record<string, readonly string[]> | undefined; formErrors?: readonly string[] | undefined; formError?: string | null | undefined } | null | undefined,
  fields: readonly string[] | Record<string, string>,
): ErrorSummaryItem[] {
  if (!answer) return [];
  const ids: Record<string, string> = Array.isArray(fields)
    ? Object.fromEntries(fields.map((name) => [name, fieldIdFor(name)]))
    : (fields as Record<string, string>);
  const items: ErrorSummaryItem[] = [];
  for (const message of [...(answer.formErrors ?? []), ...(answer.formError ? [answer.formError] : [])]) items.push({ message });
  const fieldErrors = answer.fieldErrors ?? {};
  const ordered = [...Object.keys(ids).filter((name) => name in fieldErrors), ...Object.keys(fieldErrors).filter((name) => !(name in ids))];
  for (const name of ordered) {
    const [message] = fieldErrors[name] ?? [];
    if (message) items.push({ message, fieldId: ids[name] ?? null });
  }
  return items;
}

/**
 * @param answer The action's answer this summary is for: each new answer moves the focus here again.
 */
export function ErrorSummary({
  items,
  title,
  answer,
  id,
  children,
}: {
  items: readonly ErrorSummaryItem[];
  title?: string;
  answer?: unknown;
  id?: string;
  /** What a person can do about it, below the list (e.g. whom to ask for help). */
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const shown = items.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [answer, shown]);
  if (!shown) return null;
  return (
    <div
      ref={ref}
      id={id}
      className="utrecht-alert utrecht-alert--error error-summary"
      tabIndex={-1}
      autoFocus
      data-testid="error-summary"
    >
      {/* As GOV.UK's summary: the alert inside the focused box, so screen readers read it once, in full. */}
      <div className="utrecht-alert__content" role="alert">
        <div className="utrecht-alert__message">
          <h2 className="utrecht-heading-3 error-summary__title">
            {title ?? t("fields.error_summary_title")}
          </h2>
          <ul className="utrecht-unordered-list error-summary__list">
            {items.map((item, index) => (
              <li key={`${index}-${item.message}`}>
                {item.fieldId ? (
                  <a className="utrecht-link" href={`#${item.fieldId}`}>
                    {item.message}
                  </a>
                ) : (
                  item.message
                )}
              </li>
            ))}
          </ul>
          {children}
        </div>
      </div>
    </div>
  );
}
