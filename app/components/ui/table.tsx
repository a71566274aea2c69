import type { ReactNode } from "react";

/** A data table with a caption; scrolls sideways on small screens instead of squeezing. */
export function Table({ caption, head, children }: { caption: ReactNode; head: ReactNode[]; children: ReactNode }) {
  return (
    <div className="utrecht-table-container utrecht-table-container--overflow-inline table-scroll">
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="utrecht-table__caption">{caption}</caption>
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

export function Row({ children }: { children: ReactNode }) {
  return <tr className="utrecht-table__row">{children}</tr>;
}

export function Cell({ children, numeric, header }: { children: ReactNode; numeric?: boolean; header?: boolean }) {
  const className = `utrecht-table__cell ${numeric ? "utrecht-table__cell--numeric-data" : ""}`;
  return header ? (
    <th scope="row" className={className}>
      {children}
    </th>
  ) : (
    <td className={className}>{children}</td>
  );
}
