import fc from "fast-check";

// Input an attacker or an unlucky paste would send: markup, SQL, control and
// bidirectional-override characters, emoji, prototype-pollution keys, very
// long strings. Shared by the property tests and the HTTP fuzz test.

export const MARKUP_PROBE = `<img src=x onerror="alert('wijkwijs')">`;

export const nastyStrings: readonly string[] = [
  "",
  " ",
  MARKUP_PROBE,
  "<script>alert(1)</script>",
  "\"><svg onload=alert(1)>",
  "javascript:alert(1)",
  "' OR '1'='1' --",
  "'; DROP TABLE signals; --",
  "1; SELECT pg_sleep(10)",
  "\u0000\u0001\u0002\u001b[31m",
  "\u202Egnp.exe\u202C",
  "\u200B\u200D\uFEFF",
  "\uD800",
  "🙂👨‍👩‍👧‍👦🏳️‍🌈".repeat(50),
  "مرحبا بالعالم",
  "__proto__",
  "constructor",
  "{{constructor.constructor('alert(1)')()}}",
  "${process.exit(1)}",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "a".repeat(10_000),
  "9".repeat(400),
  "-1",
  "1e309",
  "NaN",
  "2026-02-30",
  "06-12345678",
  "test@example.nl",
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ maxLength: 40 }),
);

/** JSON-shaped values, nested, with nasty strings at the leaves. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    // As JSON.parse builds them: ordinary objects (a "__proto__" key is an own property), never
    // null-prototype objects, which no request body can produce.
    fc.dictionary(nastyString, tie("value"), { maxKeys: 5, noNullPrototype: true }),
  ),
})).value;

/** A value nested `depth` arrays deep. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}
