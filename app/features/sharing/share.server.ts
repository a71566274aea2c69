import QRCode from "qrcode";
import { z } from "zod";
import type { Viewer } from "#app/features/auth/viewer.ts";
import { contentLanguage, inLanguage } from "#app/features/content/schemas.ts";
import { findFlow } from "#app/features/flows/flows.ts";
import type { HelpContent } from "#app/features/content/schemas.ts";
import { findOrganisation } from "#app/features/organisations/organisations.server.ts";
import { findTip } from "#app/features/tips/tips.ts";
import { isLanguage, type Language } from "#app/i18n/languages.ts";
import type { AppServices } from "#app/services.server.ts";

// Sharing a flow or tip with a resident: the public address with the
// ambassador's organisation code (?via=) so that reach can be counted, and
// the resident's language (?lang=) when the ambassador chose one.

/** The path segment of the share pages: /delen/hulp/<flow> and /delen/tips/<tip>. */
export const shareKinds = ["hulp", "tips"] as const;
export type ShareKind = (typeof shareKinds)[number];

export interface ShareItem {
  kind: ShareKind;
  id: string;
  /** The public page, e.g. /hulp/phishing. */
  path: string;
  /** The languages the item is written in; in others the resident sees Dutch. */
  languages: Language[];
  /** Title and one line of text in a given language (Dutch where the item has no translation). */
  title(language: Language): string;
  text(language: Language): string;
}

export function findShareItem(content: HelpContent, kind: string, id: string): ShareItem | undefined {
  if (kind === "hulp") {
    const flow = findFlow(content, id);
    if (!flow) return undefined;
    const shown = (language: Language) => contentLanguage(flow.languages, language).language;
    return {
      kind,
      id,
      path: `/hulp/${flow.id}`,
      languages: [...flow.languages],
      title: (language) => inLanguage(flow.title, shown(language)),
      text: (language) => inLanguage(flow.summary, shown(language)),
    };
  }
  if (kind === "tips") {
    const tip = findTip(content, id);
    if (!tip) return undefined;
    const shown = (language: Language) => contentLanguage(tip.languages, language).language;
    return {
      kind,
      id,
      path: `/tips/${tip.id}`,
      languages: [...tip.languages],
      title: (language) => inLanguage(tip.text, shown(language)),
      text: (language) => inLanguage(tip.why, shown(language)),
    };
  }
  return undefined;
}

/** ?taal= on the share pages: the resident's language, or empty for "whatever their phone says". */
export const shareLanguageSchema = z
  .string()
  .optional()
  .transform((value) => value ?? "")
  .refine((value) => value === "" || isLanguage(value), "errors.invalid_choice")
  .transform((value) => (value === "" ? null : (value as Language)));

export function shareUrl(origin: string, item: Pick<ShareItem, "path">, options: { via: string | null; language: Language | null }): string {
  const url = new URL(item.path, origin);
  if (options.via) url.searchParams.set("via", options.via);
  if (options.language) url.searchParams.set("lang", options.language);
  return url.toString();
}

/** The share-link code of the viewer's organisation; null for people without one (coordinators, police). */
export async function viaCodeFor(services: Pick<AppServices, "db">, viewer: Viewer): Promise<{ code: string; name: string } | null> {
  if (!viewer.organisationId) return null;
  const organisation = await findOrganisation(services, viewer.municipalityId, viewer.organisationId);
  return organisation ? { code: organisation.code, name: organisation.name } : null;
}

/** A QR code for a URL as SVG, made here (no outside service), with a quiet zone and medium error correction. */
export function qrCodeSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
