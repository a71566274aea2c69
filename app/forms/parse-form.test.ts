import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signalFormSchema } from "#app/features/signals/schemas.ts";
import { formValues, parseForm } from "./parse-form.ts";

const t = ((key: string) => key) as unknown as TFunction;

describe("parseForm", () => {
  it("gives one message per field: the first problem the schema found", () => {
    const form = new URLSearchParams({ idempotencyKey: "0b0a4fc8-89bb-4f00-a9fb-0b4e7ca8c39a", phenomenon: "" });
    const result = parseForm(signalFormSchema({ year: 2026, month: 12, day: 7 }, ["phishing"]), form, t);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.fieldErrors.phenomenon).toEqual(["signals:errors.phenomenon_required"]);
    for (const [field, messages] of Object.entries(result.fieldErrors)) expect(messages, field).toHaveLength(1);
  });

  it("keeps each form-level message once", () => {
    const schema = z.object({ a: z.string() }).superRefine((_, ctx) => {
      ctx.addIssue({ code: "custom", path: [], message: "errors.invalid" });
      ctx.addIssue({ code: "custom", path: [], message: "errors.invalid" });
    });
    const result = parseForm(schema, new URLSearchParams({ a: "x" }), t);
    expect(result.success ? [] : result.formErrors).toEqual(["errors.invalid"]);
  });

  it("echoes a field named like an Object property as typed, not the property", () => {
    const form = new URLSearchParams([["constructor", "a"], ["toString", "b"], ["toString", "c"]]);
    expect(formValues(form)).toEqual({ constructor: "a", toString: "b,c" });
  });
});
