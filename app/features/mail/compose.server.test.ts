import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { languages } from "#app/i18n/languages.ts";
import { escapeHtml, isolate, mailLanguage, renderMail } from "./compose.server.ts";
import { classifySendError } from "./transport.server.ts";

const content = {
  subject: "Onderwerp",
  greeting: "Beste <Ans> & co,",
  before: ['Eerste "alinea".'],
  action: { label: "Openen", url: "https://wijkwijs.example.nl/pad?a=1&b=2" },
  after: ["Laatste alinea."],
};

describe("mail layout", () => {
  it("writes the same content as text and as escaped HTML, the link alone on its line", () => {
    const mail = renderMail("nl", "Den Haag", content);
    expect(mail.fromName).toBe("Wijkwijs – gemeente Den Haag");
    expect(mail.text).toContain("Beste <Ans> & co,");
    expect(mail.text).toMatch(/^https:\/\/wijkwijs\.example\.nl\/pad\?a=1&b=2$/m);
    expect(mail.text).toMatch(/\n-- \nDit is een automatisch bericht van Wijkwijs/);
    expect(mail.html).toContain("Beste &lt;Ans&gt; &amp; co,");
    expect(mail.html).toContain("Eerste &quot;alinea&quot;.");
    expect(mail.html).toContain('href="https://wijkwijs.example.nl/pad?a=1&amp;b=2"');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="nl" dir="ltr">/);
    // No images, no remote anything, no inline style attributes (the mailbox page's CSP forbids them).
    expect(mail.html).not.toMatch(/<img|src=|url\(|@import|style="/i);
  });

  it("lays Arabic out right to left and keeps links and addresses left to right", () => {
    const mail = renderMail("ar", "Den Haag", content);
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.html).toContain('<body dir="rtl">');
    expect(mail.html).toContain('<a class="mail-link" dir="ltr" href="https://wijkwijs.example.nl/pad?a=1&amp;b=2">');
    expect(isolate("a@b.nl", "ar")).toBe("\u2066a@b.nl\u2069");
    expect(isolate("a@b.nl", "nl")).toBe("a@b.nl");
  });

  it("writes to a person in their own language, else the page's, else Dutch", () => {
    expect(mailLanguage("pl", "en")).toBe("pl");
    expect(mailLanguage(null, "uk")).toBe("uk");
    expect(mailLanguage("xx", "yy")).toBe("nl");
    expect(escapeHtml(`<a href='x'>`)).toBe("&lt;a href=&#39;x&#39;&gt;");
  });
});

describe("mail texts", () => {
  const root = path.join(import.meta.dirname, "..", "..", "locales");
  const keys = (value: unknown, prefix = ""): string[] =>
    value && typeof value === "object"
      ? Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
      : [prefix.replace(/_(zero|one|two|few|many|other)$/, "")];
  const load = (language: string, namespace: string) => new Set(keys(JSON.parse(readFileSync(path.join(root, language, `${namespace}.json`), "utf8"))));

  it.each(["mail", "recovery"])("the %s namespace is complete in all six languages", (namespace) => {
    const dutch = load("nl", namespace);
    for (const language of languages) {
      const other = load(language, namespace);
      expect([...dutch].filter((key) => !other.has(key)), `${language} misses`).toEqual([]);
    }
  });
});

describe("send errors", () => {
  it("gives up on a refused recipient or message, and tries again after anything else", () => {
    expect(classifySendError({ code: "EENVELOPE", responseCode: 550, response: "550 No such user" })).toMatchObject({ retry: false });
    expect(classifySendError({ code: "EMESSAGE", responseCode: 554, response: "554 Rejected" })).toMatchObject({ retry: false });
    expect(classifySendError({ code: "EENVELOPE", responseCode: 451, response: "451 Try later" })).toMatchObject({ retry: true });
    expect(classifySendError({ code: "EAUTH", responseCode: 535, response: "535 Bad login" })).toMatchObject({ retry: true });
    expect(classifySendError({ code: "ESOCKET", message: "connect ECONNREFUSED" })).toMatchObject({ retry: true });
    expect(classifySendError({ code: "ECONNECTION", message: "failed smtp://user:secret@mail.example.nl" }).message).not.toContain("secret");
  });
});
