import { z } from "zod";
import { hasInvisibleCharacters } from "./invisible-characters.ts";

// A name typed by a person (display name, organisation name): required, at
// most `max` characters, and nothing invisible in it — a right-to-left
// override or a zero-width space in a name shown to others misleads them.
// Messages are translation keys (see app/forms/parse-form.ts).

export const INVISIBLE_CHARACTERS_MESSAGE = "errors.invisible_characters";

export function nameField(max: number) {
  return z
    .string({ error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(max, "errors.too_long")
    .refine((value) => !hasInvisibleCharacters(value), INVISIBLE_CHARACTERS_MESSAGE);
}
