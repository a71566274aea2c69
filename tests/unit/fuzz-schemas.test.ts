import path from "node:path";
import fc from "fast-check";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { calendarDateOf } from "#app/calendar/dates.ts";
import { loadHelpContent } from "#app/features/content/content.server.ts";
import { activePhenomena } from "#app/features/content/content.ts";
import { signalFormSchema } from "#app/features/signals/schemas.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { deeplyNested, nastyJson, nastyString } from "#tests/support/adversarial.ts";

// Property-based tests on every zod schema that takes user input: whatever
// arrives — as a form or as JSON — parsing never throws, and a failure is a
// list of messages for named fields. Table-driven over every exported schema
// of app/features/*/schemas.ts, so a new schema is fuzzed without a new test.

const content = await loadHelpContent(path.join(import.meta.dirname, "..", "..", "content"));

const modules = import.meta.glob<Record<string, unknown>>("/app/features/*/schemas.ts", { eager: true });

const schemas: [string, z.ZodType][] = Object.entries(modules).flatMap(([file, module]) =>
  Object.entries(module)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => [`${file.replace("/app/features/", "")} ${name}`, schema] as [string, z.ZodType]),
);
schemas.push(["signals/schemas.ts signalFormSchema(today, ids)", signalFormSchema(calendarDateOf(new Date("2026-11-24T09:00:00Z")), activePhenomena(content).map((p) => p.id))]);

/** The field names a schema reads, so the fuzzer fills real fields, not only random ones. */
function fieldNames(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def?: { shape?: Record<string, unknown>; options?: z.ZodType[]; in?: z.ZodType } }).def;
  if (def?.shape) return Object.keys(def.shape);
  if (def?.options) return [...new Set(def.options.flatMap(fieldNames))];
  if (def?.in) return fieldNames(def.in);
  return [];
}

// A t() that returns the key: enough to see that every message is a string.
const t = ((key: string) => key) as unknown as TFunction;

describe("every user-input schema survives adversarial input", () => {
  it("finds the schemas", () => {
    expect(schemas.length).toBeGreaterThan(15);
  });

  it.each(schemas)("%s", (_name, schema) => {
    const names = fieldNames(schema);
    const formArbitrary = fc.array(fc.tuple(names.length ? fc.oneof(fc.constantFrom(...names), nastyString) : nastyString, nastyString), { maxLength: 12 });
    fc.assert(
      fc.property(formArbitrary, nastyJson, (pairs, json) => {
        const form = new URLSearchParams(pairs);
        const result = parseForm(schema, form, t);
        if (!result.success) {
          for (const messages of Object.values(result.fieldErrors)) for (const message of messages) expect(typeof message).toBe("string");
          for (const message of result.formErrors) expect(typeof message).toBe("string");
        }
        // JSON bodies go to safeParse directly (signals outbox, passkeys).
        const parsed = schema.safeParse(json);
        expect(typeof parsed.success).toBe("boolean");
        schema.safeParse(Object.fromEntries(pairs));
      }),
      { numRuns: 150 },
    );
    expect(() => schema.safeParse(deeplyNested(5_000))).not.toThrow();
    // Objects where a string is expected, with an odd `length` or "__proto__" key, as a JSON body can
    // carry them: checked on every schema and every field, not left to chance.
    const oddValues = () => [JSON.parse('{"length": {"__proto__": null}}'), JSON.parse('{"__proto__": {"length": 1e400}}'), { length: -1 }, [[]]] as unknown[];
    for (const value of oddValues()) {
      expect(() => schema.safeParse(value)).not.toThrow();
      for (const name of names) expect(() => schema.safeParse({ [name]: value }), name).not.toThrow();
    }
  });
});
