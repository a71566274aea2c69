import { z } from "zod";

export const totpCodeSchema = z.object({
  code: z
    .string({ error: "errors.required" })
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(z.string().min(1, "errors.required").regex(/^\d{6}$/, "security:second_factor.errors.code_format")),
  terug: z.string().max(500).optional(),
});

export const passkeyLabelSchema = z.string().trim().min(1).max(60).catch("Passkey");

/** The JSON a browser sends back from navigator.credentials; the library checks the rest. */
const base64url = z.string().max(20_000).regex(/^[A-Za-z0-9_-]*$/);

export const registrationResponseSchema = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: base64url, attestationObject: base64url, transports: z.array(z.string().max(20)).max(10).optional() }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.string().max(40).optional(),
});

export const authenticationResponseSchema = z.object({
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal("public-key"),
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.string().max(40).optional(),
});

export const passkeyStepSchema = z.enum(["login-opties", "inloggen", "tweede-stap-opties", "tweede-stap", "registratie-opties", "registratie"]);
export const removePasskeySchema = z.object({ passkeyId: z.string().min(1).max(1400).regex(/^[A-Za-z0-9_-]+$/) });
