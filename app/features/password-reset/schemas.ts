import { z } from "zod";
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "#app/features/auth/password-policy.ts";

// Forms of account recovery; messages are translation keys in the
// "recovery" namespace, which exists in all six languages (ambassadors who
// forgot their password read these pages in their own language).

export const passwordResetRequestSchema = z.object({
  email: z
    .string({ error: "recovery:errors.email_required" })
    .trim()
    .toLowerCase()
    .min(1, "recovery:errors.email_required")
    .max(254, "recovery:errors.email_invalid")
    .pipe(z.email("recovery:errors.email_invalid")),
});

export const newPasswordSchema = z
  .object({
    password: z.string({ error: "recovery:errors.password_required" }).superRefine((password, ctx) => {
      if (password.length === 0) {
        ctx.addIssue({ code: "custom", message: "recovery:errors.password_required" });
        return;
      }
      const problem = checkPasswordPolicy(password);
      if (problem) {
        ctx.addIssue({
          code: "custom",
          message: `recovery:errors.password_${problem}`,
          params: { count: problem === "too_short" ? PASSWORD_MIN_LENGTH : PASSWORD_MAX_LENGTH },
        });
      }
    }),
    passwordConfirmation: z.string({ error: "recovery:errors.password_mismatch" }),
  })
  .refine((value) => value.password === value.passwordConfirmation, {
    path: ["passwordConfirmation"],
    message: "recovery:errors.password_mismatch",
  });

/** The link's token: 32 random bytes, base64url. Anything else is not a token of ours. */
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
