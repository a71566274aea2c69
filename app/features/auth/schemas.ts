import { z } from "zod";
import { nameField } from "#app/text/name-field.ts";
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy.ts";
import { roles } from "#db/tables/auth.ts";

// Form schemas of the auth capability; messages are translation keys.

const email = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(1, "errors.required")
  .max(254, "errors.too_long")
  .pipe(z.email("errors.invalid_email"));

export const loginSchema = z.object({
  email,
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(1000, "errors.too_long"),
  terug: z.string().max(2000).optional(),
});

const newPassword = z.string({ error: "errors.required" }).superRefine((password, ctx) => {
  const problem = checkPasswordPolicy(password);
  if (problem) {
    ctx.addIssue({
      code: "custom",
      message: `auth:password.${problem}`,
      params: { count: problem === "too_short" ? PASSWORD_MIN_LENGTH : PASSWORD_MAX_LENGTH },
    });
  }
});

export const acceptInvitationSchema = z
  .object({
    displayName: nameField(80),
    password: newPassword,
    passwordConfirmation: z.string({ error: "errors.required" }),
  })
  .refine((value) => value.password === value.passwordConfirmation, {
    path: ["passwordConfirmation"],
    message: "auth:password.mismatch",
  });

export const invitationStatuses = ["open", "accepted", "expired", "revoked"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** Most addresses a coordinator can invite at once; a longer list is a mistake or a mailing list. */
export const MAX_INVITATIONS_AT_ONCE = 50;

export const userIdSchema = z.object({ userId: z.string().min(1).max(100) });

export const roleChangeSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(roles, { error: "errors.invalid_choice" }),
  organisationId: z
    .string()
    .max(100)
    .optional()
    .transform((value) => value || null),
});
export const accountActiveSchema = z.object({ userId: z.string().min(1).max(100), intent: z.enum(["deactivate", "reactivate"]) });

export const invitationQuerySchema = z.object({
  status: z.enum(invitationStatuses).optional().catch(undefined),
  organisatie: z.string().max(100).optional().catch(undefined),
});
