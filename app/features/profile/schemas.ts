import { z } from "zod";
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "#app/features/auth/password-policy.ts";
import { languages, savableLanguages } from "#app/i18n/languages.ts";
import { nameField } from "#app/text/name-field.ts";

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
