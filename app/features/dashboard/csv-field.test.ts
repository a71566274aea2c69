import { describe, expect, it } from "vitest";
import { csvField } from "./export.server.ts";

// Formula injection through an exported table (CWE-1236): what a spreadsheet
// would run must come out as text; plain numbers stay numbers.

describe("csvField: no value leaves as a formula", () => {
  const formulas = [
    "=1+1",
    "=HYPERLINK(\"https://evil.example\",\"klik\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "-1+HYPERLINK(\"https://evil.example\")",
    "+31 6 12345678",
    "-",
    "--1",
    "-1-",
    "-1.5e3+A1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",
    "＋cmd|' /C calc'!A0",
    "－2+3",
    "＠SUM(A1)",
    "﹦1+1",
    "﹢1",
    "﹣1",
    "﹫A1",
    "−2+3",
  ];
  it.each(formulas)("%j is written as text", (value) => {
    const field = csvField(value);
    const unquoted = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
    expect(unquoted).toBe(`'${value}`);
  });

  it.each(["0", "12", "-3", "+2", "-12.5"])("the plain number %j is left alone", (value) => {
    expect(csvField(value)).toBe(value);
  });

  it("a number with a decimal comma is quoted for its comma, not prefixed", () => {
    expect(csvField("12,5")).toBe('"12,5"');
    expect(csvField("-1.234,5")).toBe('"-1.234,5"');
  });

  it("quotes commas, quotes and line breaks (RFC 4180), and leaves other text alone", () => {
    expect(csvField("Bibliotheek, Moerwijk")).toBe('"Bibliotheek, Moerwijk"');
    expect(csvField('Zeg "hallo"')).toBe('"Zeg ""hallo"""');
    expect(csvField("< 5")).toBe("< 5");
    expect(csvField("×")).toBe("×");
    expect(csvField("Buurthuis De Ster")).toBe("Buurthuis De Ster");
    expect(csvField("\r=1+1")).toBe("\"'\r=1+1\"");
  });
});
