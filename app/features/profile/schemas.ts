import { z } from "zod";
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "#app/features/auth/password-policy.ts";
import { languages, savableLanguages } from "#app/i18n/languages.ts";
import { nameField } from "#app/text/name-field.ts";
import { onboardingSteps } from "./onboarding.ts";

// Form schemas of the account page; messages are translation keys.

/** Name and language; the languages a person may save are those of the pages their role uses. */
export function profileSchema(role: string) {
  const savable = savableLanguages(role);
  return z.object({
    displayName: nameField(80),
    language: z
      .union([z.enum(languages), z.literal("")], { error: "errors.invalid_choice" })
      .default("")
      .refine((value) => value === "" || savable.includes(value), "errors.invalid_choice")
      .transform((value) => value || null),
  });
}

export const notificationSchema = z.object({
  wijken: z.array(z.string().max(100)).max(100),
});

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: "errors.required" }).min(1, "errors.required").max(1000, "errors.too_long"),
    newPassword: z.string({ error: "errors.required" }).superRefine((password, ctx) => {
      const problem = checkPasswordPolicy(password);
      if (problem) {
        ctx.addIssue({
          code: "custom",
          message: `auth:password.${problem}`,
          params: { count: problem === "too_short" ? PASSWORD_MIN_LENGTH : PASSWORD_MAX_LENGTH },
        });
      }
    }),
    newPasswordConfirmation: z.string({ error: "errors.required" }),
  })
  .refine((value) => value.newPassword === value.newPasswordConfirmation, {
    path: ["newPasswordConfirmation"],
    message: "auth:password.mismatch",
  });

export const endSessionSchema = z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) });

export const deleteAccountSchema = z.object({
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(1000, "errors.too_long"),
  confirm: z.literal("ja", { error: "profile:delete.errors.confirm_required" }),
});

export const onboardingQuerySchema = z.object({
  stap: z.coerce.number().int().min(1).max(onboardingSteps.length).catch(1).default(1),
  nieuw: z.enum(["1"]).optional().catch(undefined),
});

export const accountNotices = ["gegevens", "wijken", "wachtwoord", "sessie", "overzicht"] as const;
export const accountQuerySchema = z.object({ melding: z.enum(accountNotices).optional().catch(undefined) });
export const languageChoiceSchema = z.object({ language: z.enum(languages), terug: z.string().max(2000).nullable() });
