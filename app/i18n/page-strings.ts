import type { LanguageSet } from "./languages.ts";

// Which UI strings the pages of each language set show, so that the locale
// test (tests/unit/locales.test.ts) can demand every one of them in every
// language of the set. Per namespace: the key prefixes the pages use
// (`include`, all keys when absent) minus those only other pages use
// (`exclude`). A prefix matches a key that equals it or starts with it.
//
// Ambassador namespaces leave out what only staff see (the inbox, triage,
// publishing warnings, the authenticator app): staff read Wijkwijs in Dutch or
// English (languages.ts, effectiveLanguageSet). Everything else in them counts
// as an ambassador's — a new key is translated unless it is listed here as staff-only.

export interface StringSelection {
  include?: readonly string[];
  exclude?: readonly string[];
}

type TranslatedSet = Exclude<LanguageSet, "staff">;

export const pageStrings: Record<TranslatedSet, Readonly<Record<string, StringSelection>>> = {
  resident: {
    common: { include: ["shell.", "home.", "errors."] },
    flows: { include: ["home.", "help.", "flow.", "fallback.", "poster."] },
    tips: {},
    network: { include: ["find.", "kinds."] },
    privacy: {},
    recovery: {},
  },
  ambassador: {
    common: { exclude: ["nav.invitations", "nav.ambassadors", "nav.users", "nav.audit"] },
    signals: {
      exclude: [
        "nav.inbox",
        "nav.urgent_count",
        "nav.cases",
        "nav.settings",
        "settings.",
        "wall.",
        "cases.",
        "inbox.",
        "saved_filters.",
        "digest.",
        "triage.",
        "detail.back_to_inbox",
        "detail.forwarded_at",
        "errors.note_",
        "errors.case_",
        // Ambassadors see the public status only (publicStatus in signals/options.ts).
        "status.in_progress",
        "status.forwarded_to_police",
        "status.reopened",
      ],
    },
    pwa: {},
    warnings: { exclude: ["nav.", "manage.", "errors.", "push.intro_staff"] },
    profile: { exclude: ["delete.staff"] },
    auth: {},
    security: { exclude: ["second_factor.", "reset.", "methods.intro_staff", "methods.totp_"] },
    flows: {
      exclude: ["reach.intro_all", "reach.filter_organisation", "reach.all_organisations", "reach.filter_submit", "reach.organisation"],
    },
    tips: { include: ["audiences."] },
    privacy: { include: ["privacy.footer_link"] },
    training: { exclude: ["nav.results", "staff."] },
    programme: { include: ["monthly.", "questionnaire."] },
    newsletter: { include: ["reader."] },
    situations: { include: ["nav.", "public."] },
    // Staff write responses in Dutch or English; the sender reads them, and the mail about them, in all six.
    responses: { exclude: ["staff."] },
  },
};

function matches(prefixes: readonly string[], key: string): boolean {
  return prefixes.some((prefix) => key === prefix || key.startsWith(prefix));
}

export function isSelected(selection: StringSelection, key: string): boolean {
  if (selection.include && !matches(selection.include, key)) return false;
  return !selection.exclude || !matches(selection.exclude, key);
}

/** The namespaces the pages of a set use. */
export function namespacesOf(set: TranslatedSet): string[] {
  return Object.keys(pageStrings[set]);
}
