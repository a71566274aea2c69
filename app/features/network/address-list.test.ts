import { describe, expect, it } from "vitest";
import { parseAddressList } from "./address-list.ts";

describe("a pasted list of e-mail addresses", () => {
  it("accepts one per line, commas, semicolons and mail-program names", () => {
    const list = parseAddressList("a@example.nl\nB@Example.nl, c@example.nl; Fatma Yilmaz <fatma@example.nl>\r\n\n mailto:d@example.nl ");
    expect(list).toEqual({ valid: ["a@example.nl", "b@example.nl", "c@example.nl", "fatma@example.nl", "d@example.nl"], invalid: [] });
  });

  it("names what is not an address, and counts a repeated address once", () => {
    const list = parseAddressList("a@example.nl\nniet-een-adres\na@example.nl\nook fout@\n");
    expect(list.valid).toEqual(["a@example.nl"]);
    expect(list.invalid).toEqual(["niet-een-adres", "ook", "fout@"]);
  });

  it("is empty for blank input", () => {
    expect(parseAddressList("  \n ,; ")).toEqual({ valid: [], invalid: [] });
  });
});
