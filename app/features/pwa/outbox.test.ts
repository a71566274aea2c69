import { describe, expect, it } from "vitest";
import { refusalReasons } from "./outbox.ts";

describe("an outbox signal's refusal", () => {
  it("collects the server's messages: general, form-level and per field, once each", () => {
    expect(
      refusalReasons({
        ok: false,
        error: "invalid",
        formErrors: ["Uw organisatie is gearchiveerd."],
        fieldErrors: { phenomenon: ["Dit verschijnsel kennen we niet."], channel: ["Kies een kanaal.", "Dit verschijnsel kennen we niet."] },
      }),
    ).toEqual(["Uw organisatie is gearchiveerd.", "Dit verschijnsel kennen we niet.", "Kies een kanaal."]);
    expect(refusalReasons({ ok: false, message: "Eerst bekijken." })).toEqual(["Eerst bekijken."]);
  });

  it("has no reasons for an unreadable answer", () => {
    expect(refusalReasons(null)).toEqual([]);
    expect(refusalReasons("Bad gateway")).toEqual([]);
  });
});
