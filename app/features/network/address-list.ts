import { z } from "zod";

// A coordinator pastes addresses from wherever they have them: one per line,
// separated by commas or semicolons, or as "Name <address>" from a mail
// program. Each address gets its own invitation.

const emailAddress = z.email();

export interface AddressList {
  valid: string[];
  invalid: string[];
}

export function parseAddressList(text: string): AddressList {
  const entries = text
    .split(/[\n\r,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      // "Fatma Yilmaz <fatma@example.nl>" → the part in angle brackets.
      const bracketed = /<([^<>]+)>/.exec(entry);
      return bracketed ? [bracketed[1]!.trim()] : entry.split(/\s+/);
    })
    .map((entry) => entry.replace(/^mailto:/i, "").toLowerCase());
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const list = emailAddress.safeParse(entry).success && entry.length <= 254 ? valid : invalid;
    if (!list.includes(entry)) list.push(entry);
  }
  return { valid, invalid };
}
