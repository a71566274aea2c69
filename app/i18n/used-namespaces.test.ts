import { describe, expect, it } from "vitest";
import { createI18n } from "./i18n.ts";
import { trackNamespaces } from "./used-namespaces.tsx";

const resources = {
  nl: {
    common: { hello: "Hallo {{name}}" },
    signals: { nav: { new: "Nieuw signaal" } },
    warnings: { count_one: "{{count}} waarschuwing", count_other: "{{count}} waarschuwingen" },
    profile: { title: "Profiel" },
    auth: { login: "Inloggen" },
  },
};

describe("trackNamespaces", () => {
  const shared = createI18n("nl", resources, Object.keys(resources.nl));

  it("notes the namespace of every string asked for, and translates as the shared instance does", () => {
    const { i18n, used } = trackNamespaces(shared);
    expect(i18n.t("hello", { name: "Ans" })).toBe("Hallo Ans");
    expect(i18n.t("signals:nav.new")).toBe("Nieuw signaal");
    const fixed = i18n.getFixedT(null, "warnings");
    expect(fixed("count", { count: 2 })).toBe("2 waarschuwingen");
    expect(i18n.t("title", { ns: ["profile", "auth"] })).toBe("Profiel");
    expect([...used].sort()).toEqual(["auth", "common", "profile", "pwa", "signals", "warnings"]);
  });

  it("notes what useTranslation reports even when no string is rendered", () => {
    const { i18n, used } = trackNamespaces(shared);
    (i18n as unknown as { reportNamespaces: { addUsedNamespaces(ns: string[]): void } }).reportNamespaces.addUsedNamespaces(["auth"]);
    expect(used.has("auth")).toBe(true);
  });

  it("leaves the shared instance alone: one request's namespaces never reach another's", () => {
    const first = trackNamespaces(shared);
    first.i18n.t("signals:nav.new");
    const second = trackNamespaces(shared);
    second.i18n.t("hello", { name: "Ans" });
    expect(second.used.has("signals")).toBe(false);
    expect(shared.t("signals:nav.new")).toBe("Nieuw signaal");
    expect(Object.prototype.hasOwnProperty.call(shared, "reportNamespaces") && (shared as unknown as { reportNamespaces?: unknown }).reportNamespaces).toBeFalsy();
  });
});
