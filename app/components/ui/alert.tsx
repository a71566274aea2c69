import type { ReactNode } from "react";

type Kind = "info" | "ok" | "warning" | "error";

/** A message box. Errors and confirmations are announced to screen readers. */
export function Alert({ kind = "info", title, children, id }: { kind?: Kind; title?: ReactNode; children?: ReactNode; id?: string }) {
  const role = kind === "error" ? "alert" : kind === "ok" ? "status" : undefined;
  return (
    <div id={id} className={`utrecht-alert utrecht-alert--${kind}`} role={role}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          {title ? <p className="utrecht-paragraph alert-title">{title}</p> : null}
          {children}
        </div>
      </div>
    </div>
  );
}
