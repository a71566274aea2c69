import { describe, expect, it } from "vitest";
import { keptOffline } from "./offline-pages.ts";

const at = (path: string) => new URL(path, "https://wijkwijs.example");

describe("pages the service worker keeps for offline use", () => {
  it("keeps an ambassador's pages and their loader data", () => {
    for (const path of ["/", "/_.data", "/start", "/start.data", "/hulp", "/hulp/phishing/entered?lang=ar", "/hulp/phishing.data", "/tips/bank-hang-up-call-back", "/delen", "/signalen/nieuw", "/mijn-signalen", "/mijn-signalen.data", "/waarschuwingen/0b0a4fc8-89bb-4f00-a9fb-0b4e7ca8c39a"]) {
      expect(keptOffline(at(path)), path).toBe(true);
    }
  });

  it("never keeps a single signal (every view is audited), staff pages or the account", () => {
    for (const path of ["/mijn-signalen/0b0a4fc8-89bb-4f00-a9fb-0b4e7ca8c39a", "/signalen", "/signalen/0b0a4fc8-89bb-4f00-a9fb-0b4e7ca8c39a.data", "/beheer/netwerk", "/account", "/account/mijn-gegevens", "/waarschuwingen", "/dashboard", "/inloggen"]) {
      expect(keptOffline(at(path)), path).toBe(false);
    }
  });
});
