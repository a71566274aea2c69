import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The npm scripts read their arguments with node:util parseArgs: bad ones stop
// the script with its usage line (exit 2) before it opens a database.
const root = path.resolve(import.meta.dirname, "..", "..");
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "scripts", script), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "file::memory:" },
  });

// Each case starts a Node process that loads the script's imports: seconds on a busy machine.
describe("script arguments", { timeout: 60_000 }, () => {
  it.each([
    [["--weeks"], "argument missing"],
    [["--weeks", "104", "--seed", "x"], "--seed must be a whole number"],
    [["--weeks", "0"], "--weeks must be a whole number of at least 1"],
    [["5", "6"], "One count at most"],
    [["--count", "5"], "Unknown option"],
  ])("synthetic-signals %j is refused with its usage", (args, message) => {
    const result = run("synthetic-signals.ts", args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: npm run synthetic-signals");
  });

  it("audit:verify refuses an unknown option and a --head without a value", () => {
    for (const args of [["--bogus"], ["--head"]]) {
      const result = run("audit-verify.ts", args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("Usage: npm run audit:verify");
    }
  });
});
