import { useId, type ReactNode } from "react";

/**
 * A table that may be wider than the screen (many phenomena or stadsdelen):
 * the scrolling container is focusable and named after the caption, so a
 * keyboard user can scroll it too (WCAG 2.1.1).
 */
export function WideTable({ caption, head, children }: { caption: ReactNode; head: ReactNode[]; children: ReactNode }) {
  const id = useId();
  return (
    <div className="utrecht-table-container utrecht-table-container--overflow-inline table-scroll wide-table" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="utrecht-table__caption" id={id}>
          {caption}
        </caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {head.map((cell, index) => (
              <th key={index} scope="col" className="utrecht-table__header-cell">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">{children}</tbody>
      </table>
    </div>
  );
}
