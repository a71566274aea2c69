import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.server.ts";

describe("configuration from the environment", () => {
  it("has working defaults for a fresh machine", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.appEnv).toBe("development");
    expect(config.login.maxFailures).toBe(5);
    expect(config.inviteValidMs).toBe(7 * 24 * 60 * 60 * 1000);
    expect(config.inactivity).toEqual({ months: 12, warningMs: 30 * 24 * 60 * 60 * 1000 });
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ APP_ENV: "staging" })).toThrow(/APP_ENV/);
    expect(() => loadConfig({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ APP_SECRET: "short" })).toThrow(/APP_SECRET: must be at least 32 characters/);
    expect(() => loadConfig({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ AMBASSADOR_INACTIVE_MONTHS: "0" })).toThrow(/AMBASSADOR_INACTIVE_MONTHS/);
  });

  it("treats empty values as unset and strips a trailing slash from PUBLIC_URL", () => {
    const config = loadConfig({ PORT: "", PUBLIC_URL: "https://wijkwijs.example.nl/" });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("https://wijkwijs.example.nl");
  });
});
