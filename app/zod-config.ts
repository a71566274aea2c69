import { config } from "zod";

// Zod probes whether it may compile validators with new Function(); our CSP
// forbids eval, so in the browser the probe shows up as a violation report.
// Jitless mode skips the probe (and the compiling). Imported first by
// app/root.tsx, whose module the browser evaluates before any route's —
// found by tests/e2e/every-page.spec.ts.
config({ jitless: true });
