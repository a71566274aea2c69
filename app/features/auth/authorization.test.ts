import { describe, expect, it } from "vitest";
import { isStaff, mayRegisterPasskey, maySignIn, secondFactorPending } from "./authorization.ts";

describe("who may", () => {
  it("counts every role but the ambassador as staff", () => {
    expect(isStaff("ambassador")).toBe(false);
    for (const role of ["coordinator", "police", "admin"] as const) expect(isStaff(role)).toBe(true);
  });

  it("lets an account sign in only while it and its organisation are active", () => {
    expect(maySignIn({ deactivatedAt: null, organisationArchivedAt: null })).toBe(true);
    expect(maySignIn({ deactivatedAt: "2026-01-01T00:00:00.000Z", organisationArchivedAt: null })).toBe(false);
    expect(maySignIn({ deactivatedAt: null, organisationArchivedAt: "2026-01-01T00:00:00.000Z" })).toBe(false);
  });

  it("asks a second factor of staff only", () => {
    expect(secondFactorPending({ role: "ambassador", secondFactor: false })).toBe(false);
    expect(secondFactorPending({ role: "police", secondFactor: false })).toBe(true);
    expect(secondFactorPending({ role: "police", secondFactor: true })).toBe(false);
  });

  it("lets staff add a passkey after their second factor, or as their very first one", () => {
    const none = { totp: false, passkeys: 0 };
    const hasTotp = { totp: true, passkeys: 0 };
    const hasPasskey = { totp: false, passkeys: 1 };
    expect(mayRegisterPasskey({ role: "ambassador", secondFactor: false }, hasPasskey)).toBe(true);
    expect(mayRegisterPasskey({ role: "admin", secondFactor: true }, hasTotp)).toBe(true);
    expect(mayRegisterPasskey({ role: "admin", secondFactor: false }, none)).toBe(true);
    expect(mayRegisterPasskey({ role: "admin", secondFactor: false }, hasTotp)).toBe(false);
    expect(mayRegisterPasskey({ role: "admin", secondFactor: false }, hasPasskey)).toBe(false);
  });
});
