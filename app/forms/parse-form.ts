import type { TFunction } from "i18next";
import type { z } from "zod";

// Every form is parsed by a zod schema on the server; its issues become
// field-level messages in the user's language. Schemas name messages by
// translation key ("errors.required"); issues without one are mapped by code.

export type FieldErrors = Record<string, string[]>;

export type FormParseResult<T> =
  | { success: true; data: T }
  | { success: false; fieldErrors: FieldErrors; formErrors: string[]; values: Record<string, string> };

/** Field names whose values are never sent back to the browser. */
const SECRET_FIELDS = /password|wachtwoord|token|code/i;

export function formValues(form: FormData | URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || SECRET_FIELDS.test(key)) continue;
    values[key] = Object.hasOwn(values, key) ? `${values[key]},${value}` : value;
  }
  return values;
}

/** Reads a form into a plain object; repeated names (checkboxes) become arrays. */
export function formToObject(form: FormData | URLSearchParams, arrayFields: readonly string[] = []): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    object[key] = arrayFields.includes(key) ? all : all[0];
  }
  for (const key of arrayFields) object[key] ??= [];
  return object;
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData | URLSearchParams,
  t: TFunction,
  options: { arrayFields?: readonly string[] } = {},
): FormParseResult<z.output<S>> {
  const result = schema.safeParse(formToObject(form, options.arrayFields));
  if (result.success) return { success: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  const formErrors: string[] = [];
  for (const issue of result.error.issues) {
    const message = translateIssue(issue, t);
    const field = issue.path[0];
    if (field === undefined) {
      if (!formErrors.includes(message)) formErrors.push(message);
    } else {
      // One message per field, the first the schema found ("choose one" before "not one of ours"):
      // a person fixes one thing at a time, and two messages for one field read as two problems.
      fieldErrors[String(field)] ??= [message];
    }
  }
  return { success: false, fieldErrors, formErrors, values: formValues(form) };
}

const KEY_PATTERN = /^[a-z][a-zA-Z0-9_-]*(:[a-zA-Z0-9_.-]+|(\.[a-zA-Z0-9_-]+)+)$/;

export function translateIssue(issue: z.core.$ZodIssue, t: TFunction): string {
  if (KEY_PATTERN.test(issue.message)) {
    return t(issue.message, issueParams(issue));
  }
  switch (issue.code) {
    case "invalid_type":
      return t("errors.required");
    case "too_small":
      return issue.origin === "string"
        ? Number(issue.minimum) <= 1
          ? t("errors.required")
          : t("errors.too_short", { count: Number(issue.minimum) })
        : t("errors.too_small", { minimum: Number(issue.minimum) });
    case "too_big":
      return issue.origin === "string"
        ? t("errors.too_long", { count: Number(issue.maximum) })
        : t("errors.too_big", { maximum: Number(issue.maximum) });
    case "invalid_format":
      return issue.format === "email" ? t("errors.invalid_email") : t("errors.invalid_format");
    case "invalid_value":
      return t("errors.invalid_choice");
    default:
      return t("errors.invalid");
  }
}

function issueParams(issue: z.core.$ZodIssue): Record<string, unknown> {
  if (issue.code === "custom") return (issue.params as Record<string, unknown> | undefined) ?? {};
  if (issue.code === "too_small") return { count: Number(issue.minimum), minimum: Number(issue.minimum) };
  if (issue.code === "too_big") return { count: Number(issue.maximum), maximum: Number(issue.maximum) };
  return {};
}
