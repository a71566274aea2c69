import { Children, cloneElement, Fragment, isValidElement, useId, type ReactElement, type ReactNode } from "react";

/**
 * A data table with a caption. On a narrow screen (a phone) each row becomes
 * a block of its own, every cell labelled with its column's heading, so that
 * nothing — a button in the last column least of all — hides beyond the edge
 * of the screen (WCAG 1.4.10). Wider, it scrolls sideways inside its own
 * container when it must, a region a keyboard can reach and scroll.
 */
export function Table({ caption, head, children }: { caption: ReactNode; head: ReactNode[]; children: ReactNode }) {
  const id = useId();
  const labels = head.map((cell) => (typeof cell === "string" || typeof cell === "number" ? String(cell) : null));
  return (
    <div
      className="utrecht-table-container utrecht-table-container--overflow-inline table-scroll table-stack"
      role="region"
      aria-labelledby={id}
      tabIndex={0}
    >
      {/* The roles keep the table a table for screen readers when a phone's stylesheet lays it out as blocks. */}
      <table className="utrecht-table utrecht-table--html-table" role="table">
        <caption className="utrecht-table__caption" id={id}>
          {caption}
        </caption>
        <thead className="utrecht-table__header" role="rowgroup">
          <tr className="utrecht-table__row" role="row">
            {head.map((cell, index) => (
              <th key={index} scope="col" className="utrecht-table__header-cell" role="columnheader">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body" role="rowgroup">
          {labelRows(children, labels)}
        </tbody>
      </table>
    </div>
  );
}

type CellProps = { children?: ReactNode; scope?: string; "data-label"?: string; role?: string };

/** Gives every cell of every row its column's heading (shown before it on a phone) and its role. */
function labelRows(rows: ReactNode, labels: readonly (string | null)[]): ReactNode {
  return Children.map(rows, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row)) return row;
    if (row.type === Fragment) return <Fragment key={row.key}>{labelRows(row.props.children, labels)}</Fragment>;
    let column = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<CellProps>(cell)) return cell;
      const label = labels[column++];
      const role = cell.props.role ?? (cell.type === "th" || (cell.type === Cell && (cell.props as { header?: boolean }).header) ? "rowheader" : "cell");
      return cloneElement(cell as ReactElement<CellProps>, { role, ...(label ? { "data-label": label } : {}) });
    });
    return cloneElement(row as ReactElement<{ children?: ReactNode; role?: string }>, { role: "row" }, cells);
  });
}

export function Row({ children, role }: { children: ReactNode; role?: string }) {
  return (
    <tr className="utrecht-table__row" role={role}>
      {children}
    </tr>
  );
}

export function Cell({
  children,
  numeric,
  header,
  role,
  "data-label": label,
}: {
  children: ReactNode;
  numeric?: boolean;
  header?: boolean;
  role?: string;
  "data-label"?: string;
}) {
  const className = `utrecht-table__cell ${numeric ? "utrecht-table__cell--numeric-data" : ""}`;
  return header ? (
    <th scope="row" className={className} role={role} data-label={label}>
      {children}
    </th>
  ) : (
    <td className={className} role={role} data-label={label}>
      {children}
    </td>
  );
}
