import { Fragment, type ReactNode } from "react";
import { splitLtrRuns } from "./ltr-runs.ts";

// Text from content files and translations, shown with its phone numbers,
// addresses, dates and amounts isolated left to right (bidi isolation, so an
// Arabic sentence cannot reorder them) and its phone numbers as tel: links.

/** Something that is read left to right in every language: a number, an address. */
export function Ltr({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <bdi dir="ltr" className={className}>
      {children}
    </bdi>
  );
}

/**
 * @param call Phone numbers become tel: links. Off inside a link or button,
 *             and on paper (print views, posters), where nothing can be tapped.
 */
export function RichText({ text, call = true }: { text: string; call?: boolean }) {
  return (
    <>
      {splitLtrRuns(text).map((run, index) => {
        if (run.kind === "text") return <Fragment key={index}>{run.text}</Fragment>;
        if (run.kind === "phone") {
          const number = (
            <Ltr key={index} className="ltr-number">
              {run.text}
            </Ltr>
          );
          return call ? (
            <a key={index} className="utrecht-link tel-inline" href={`tel:${run.tel}`}>
              {number}
            </a>
          ) : (
            number
          );
        }
        return <Ltr key={index}>{run.text}</Ltr>;
      })}
    </>
  );
}
