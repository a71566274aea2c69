import { describe, expect, it } from "vitest";
import { hashPassword, verifyDecoyPassword, verifyPassword } from "./password.server.ts";
import { checkPasswordPolicy } from "./password-policy.ts";

describe("passwords", () => {
  it("are hashed with scrypt and a salt, and verify", async () => {
    const first = await hashPassword("een lange zin als wachtwoord");
    const second = await hashPassword("een lange zin als wachtwoord");
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("wachtwoord");
    expect(await verifyPassword("een lange zin als wachtwoord", first)).toBe(true);
    expect(await verifyPassword("een lange zin als wachtwoorD", first)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
    expect(await verifyDecoyPassword("anything")).toBe(false);
  });

  it("follow the policy: at least 12 characters, counted as people count them", () => {
    expect(checkPasswordPolicy("kort")).toBe("too_short");
    expect(checkPasswordPolicy("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂")).toBe("too_short");
    expect(checkPasswordPolicy("twaalf tekens")).toBeNull();
    expect(checkPasswordPolicy("x".repeat(201))).toBe("too_long");
  });
});

describe("the common-password list", () => {
  it("refuses common passwords whatever their case and spacing, and trivial ones", () => {
    expect(checkPasswordPolicy("Wachtwoord123")).toBe("too_common");
    expect(checkPasswordPolicy("Welkom 2026!")).toBe("too_common");
    expect(checkPasswordPolicy("QWERTY123456")).toBe("too_common");
    expect(checkPasswordPolicy("aaaaaaaaaaaaaa")).toBe("too_common");
    expect(checkPasswordPolicy("abababababab")).toBe("too_common");
    expect(checkPasswordPolicy("34567890123456")).toBe("too_common");
    expect(checkPasswordPolicy("wijkwijs2026!")).toBe("too_common");
    expect(checkPasswordPolicy("mijn fiets is geel")).toBeNull();
  });

  it("an unknown account costs a real scrypt verification, with the cost of a real hash", async () => {
    // Enumeration resistance: the decoy path runs the same work as a wrong
    // password (compared by parameters, not by timing).
    const real = await hashPassword("een lange zin als wachtwoord");
    const [, n, r, p] = real.split("$");
    expect([n, r, p]).toEqual(["32768", "8", "1"]);
    await expect(verifyDecoyPassword("een lange zin als wachtwoord")).resolves.toBe(false);
  });
});
