import type { Language } from "#app/i18n/languages.ts";
import type { HelpContent, Phenomenon } from "./schemas.ts";

// What the rest of the app asks of the content (services.content): labels,
// the phenomena that may be chosen, the organisations' public numbers. Pure
// functions of the content read at start, so a loader passes their answers
// to the page instead of the page importing content.

export function phenomenonLabel(content: HelpContent, id: string, language: Language): string {
  const phenomenon = content.phenomena.find((p) => p.id === id);
  if (!phenomenon) return id;
  return phenomenon.labels[language] ?? phenomenon.labels.nl;
}

export function phenomenonIds(content: HelpContent): string[] {
  return content.phenomena.map((p) => p.id);
}

/** Phenomena that may be chosen for something new (not retired). */
export function activePhenomena(content: HelpContent): Phenomenon[] {
  return content.phenomena.filter((p) => !p.retired);
}

export function isPhenomenonId(content: HelpContent, value: unknown): value is string {
  return typeof value === "string" && content.phenomena.some((p) => p.id === value);
}

/** The first phone number of an organisation as people read it ("0900-8844"); throws when the content has none. */
export function organisationPhone(content: HelpContent, id: string): string {
  const phone = content.organisations.find((o) => o.id === id)?.phones[0];
  if (!phone) throw new Error(`content/referral-organisations.json has no phone number for "${id}"`);
  return phone.display;
}

/** Every public phone number of a referral organisation, digits only (e.g. "0887867372"). */
export function publicPhoneNumbers(content: HelpContent): string[] {
  return content.organisations.flatMap((organisation) => organisation.phones.map((phone) => phone.tel));
}
