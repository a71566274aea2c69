// Zod probes whether it may compile validators with new Function(); our CSP
// forbids eval, so in the browser the probe shows up as a violation report.
// Jitless mode skips the probe (and the compiling). Imported first by
// app/root.tsx, whose module the browser evaluates before any route's —
// found by tests/e2e/every-page.spec.ts.
//
// Zod keeps its settings on globalThis.__zod_globalConfig (zod/v4/core/core.js:
// `globalThis.__zod_globalConfig ??= {}`, and `config()` assigns to it), and
// reads `jitless` when a schema is built, not when zod is loaded. Setting it
// here instead of calling `config()` keeps zod itself (≈ 4 KB gzip) out of the
// JavaScript of every page that never validates anything in the browser, such
// as the ambassador home (decision 0012). zod-config.test.ts checks that zod
// still sees the setting, so a zod upgrade that moves it fails a test.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodGlobal.__zod_globalConfig ??= {};
zodGlobal.__zod_globalConfig.jitless = true;

export {};
