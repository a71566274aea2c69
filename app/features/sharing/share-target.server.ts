import { data, type RouterContextProvider } from "react-router";
import { i18nContext, requestInfoContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import type { Language } from "#app/i18n/languages.ts";
import { findShareItem, shareLanguageSchema, shareUrl, viaCodeFor, type ShareItem } from "./share.server.ts";

export interface ShareTarget {
  item: ShareItem;
  /** The language the ambassador chose for the resident, or null for "their phone's language". */
  residentLanguage: Language | null;
  /** A message for the language field when ?taal= was not one of the choices. */
  languageError: string | null;
  organisation: { code: string; name: string } | null;
  url: string;
  /** "?taal=tr" or "", to carry the choice to the QR code and the poster. */
  query: string;
}

/**
 * What the share page, its QR code and its poster have in common: the
 * permission check, the flow or tip, the chosen language and the share URL
 * with the viewer's organisation code.
 */
export async function loadShareTarget(
  request: Request,
  params: { kind: string; id: string },
  context: Readonly<RouterContextProvider>,
): Promise<ShareTarget> {
  const viewer = requirePermission(request, context, "library:use");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const item = findShareItem(services.content, params.kind, params.id);
  if (!item) throw data(null, { status: 404 });
  const parsed = shareLanguageSchema.safeParse(new URL(request.url).searchParams.get("taal") ?? undefined);
  const residentLanguage = parsed.success ? parsed.data : null;
  const organisation = await viaCodeFor(services, viewer);
  return {
    item,
    residentLanguage,
    languageError: parsed.success ? null : t("errors.invalid_choice"),
    organisation,
    url: shareUrl(context.get(requestInfoContext).origin, item, { via: organisation?.code ?? null, language: residentLanguage }),
    query: residentLanguage ? `?taal=${residentLanguage}` : "",
  };
}
