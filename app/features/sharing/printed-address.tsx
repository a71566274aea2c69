import { Fragment } from "react";
import { Ltr } from "#app/components/ui/rich-text.tsx";

/**
 * The share link as it is printed for someone to type: without "https://"
 * and "www.", and without the organisation's code (the QR code next to it
 * carries the full link, so scans are still counted for the organisation);
 * the language stays, so the page opens in the poster's language.
 */
export function printedAddress(url: string): string {
  const parsed = new URL(url);
  const language = parsed.searchParams.get("lang");
  const host = parsed.host.replace(/^www\./, "");
  return `${host}${parsed.pathname}${language ? `?lang=${language}` : ""}`;
}

/** A printed address, left to right in every language, that wraps only after a "/" or before a "?", never inside a word. */
export function PrintedAddress({ address }: { address: string }) {
  const parts = address.split(/(?<=\/)|(?=\?)/);
  return (
    <Ltr className="printed-address">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          <bdi className="printed-address__part">{part}</bdi>
        </Fragment>
      ))}
    </Ltr>
  );
}
