import commonPasswords from "./common-passwords.json" with { type: "json" };

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = "too_short" | "too_long" | "too_common";

// A list of common passwords of 10 characters or more (spaces do not count), shipped with the app
// (app/features/auth/common-passwords.json): well-known ones, and everyday
// words — Dutch, Hague and Wijkwijs ones included — with the usual years and
// digits appended. Compared without case and spaces, so "Welkom 2026!" is
// as weak as "welkom2026!".
const common: ReadonlySet<string> = new Set(commonPasswords as string[]);

function normalise(password: string): string {
  return password.toLowerCase().replace(/\s+/g, "");
}

/** One character over and over, or a run of the keyboard's number row. */
function trivial(normalised: string): boolean {
  if (new Set(normalised).size <= 2) return true;
  return "12345678901234567890".includes(normalised) || "09876543210987654321".includes(normalised);
}

/** Shared by the browser hint and the server check; the server decides. */
export function checkPasswordPolicy(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const normalised = normalise(password);
  if (common.has(normalised) || trivial(normalised)) return "too_common";
  return null;
}
