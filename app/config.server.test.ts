import { describe, expect, it } from "vitest";
import { checkServerConfig, ConfigError, loadConfig } from "./config.server.ts";

describe("configuration from the environment", () => {
  it("has working defaults for a fresh machine", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    // Production unless chosen otherwise: `npm run dev` and `npm start` choose development.
    expect(config.appEnv).toBe("production");
    expect(config.trustProxy).toBe(0);
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
    expect(() => loadConfig({ PUBLIC_URL: "https://wijkwijs.example.nl/app" })).toThrow(/PUBLIC_URL: must be an origin only/);
    expect(() => loadConfig({ AMBASSADOR_INACTIVE_MONTHS: "0" })).toThrow(/AMBASSADOR_INACTIVE_MONTHS/);
  });

  it("treats empty values as unset and strips a trailing slash from PUBLIC_URL", () => {
    const config = loadConfig({ PORT: "", PUBLIC_URL: "https://wijkwijs.example.nl/" });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("https://wijkwijs.example.nl");
  });

  it("TRUST_PROXY is a number of proxies; true (believe the left-most X-Forwarded-For entry) is refused", () => {
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(0);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: must be the number of reverse proxies in front of the app \(usually 1\)/);
    expect(() => loadConfig({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY/);
  });

  it("a production server needs PUBLIC_URL and a key for the audit log outside the database; scripts do not", () => {
    const production = loadConfig({ APP_ENV: "production" });
    expect(() => checkServerConfig(production)).toThrow(ConfigError);
    expect(() => checkServerConfig(production)).toThrow(/PUBLIC_URL: required when APP_ENV=production/);
    expect(() => checkServerConfig(production)).toThrow(/AUDIT_KEY \(or APP_SECRET\): required/);
    expect(() => checkServerConfig(loadConfig({ APP_ENV: "production", PUBLIC_URL: "https://w.example.nl", AUDIT_KEY: "k".repeat(32) }))).not.toThrow();
    expect(() => checkServerConfig(loadConfig({ APP_ENV: "development" }))).not.toThrow();
  });

  it("push services: extra hosts are checked; private addresses only outside production", () => {
    expect(loadConfig({ PUSH_ALLOWED_HOSTS: "push.example.nl, *.push.example.org ,localhost:8443" }).push.allowedHosts).toEqual([
      "push.example.nl",
      "*.push.example.org",
      "localhost:8443",
    ]);
    expect(() => loadConfig({ PUSH_ALLOWED_HOSTS: "*" })).toThrow(/PUSH_ALLOWED_HOSTS/);
    expect(() => loadConfig({ PUSH_ALLOWED_HOSTS: "https://push.example.nl/" })).toThrow(/PUSH_ALLOWED_HOSTS/);
    expect(loadConfig({ APP_ENV: "test", PUSH_ALLOW_PRIVATE_NETWORK: "yes" }).push.allowPrivateNetwork).toBe(true);
    expect(loadConfig({ APP_ENV: "test", PUSH_ALLOW_PRIVATE_NETWORK: "0" }).push.allowPrivateNetwork).toBe(false);
    expect(loadConfig({ APP_ENV: "test" }).push.allowPrivateNetwork).toBe(false);
    expect(() => loadConfig({ APP_ENV: "test", PUSH_ALLOW_PRIVATE_NETWORK: "maybe" })).toThrow(/PUSH_ALLOW_PRIVATE_NETWORK/);
    expect(loadConfig({ APP_ENV: "test", PUSH_ALLOW_PRIVATE_NETWORK: "true" }).push.allowPrivateNetwork).toBe(true);
    expect(() => loadConfig({ APP_ENV: "production", PUSH_ALLOW_PRIVATE_NETWORK: "true" })).toThrow(/PUSH_ALLOW_PRIVATE_NETWORK: not allowed when APP_ENV=production/);
  });
});
