import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "#app/config.server.ts";
import { ContentError, readContentFiles, validateHelpContent } from "#app/features/content/content.server.ts";
import { contentDirectory, createServices } from "./services.ts";

/** Runs `check` on a copy of the shipped content in a folder of its own (with room for a database beside it), removed afterwards. */
async function withContentCopy(check: (paths: { directory: string; content: string }) => Promise<void>) {
  const directory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-start-"));
  try {
    const content = path.join(directory, "content");
    cpSync(contentDirectory, content, { recursive: true });
    await check({ directory, content });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe("starting the server", () => {
  it("refuses invalid help content with the test suite's message, before it touches the database", async () => {
    await withContentCopy(async ({ directory, content }) => {
      const file = path.join(content, "flows", "whatsapp-friend-in-need.json");
      const flow = JSON.parse(readFileSync(file, "utf8"));
      flow.outcomes[1].steps[0].organisations = ["bank", "nep-bank"];
      writeFileSync(file, JSON.stringify(flow));

      let suiteMessage = "";
      try {
        validateHelpContent(await readContentFiles(content));
      } catch (error) {
        suiteMessage = (error as Error).message;
      }
      expect(suiteMessage).toContain(
        'content/flows/whatsapp-friend-in-need.json: outcomes.1.steps.0.organisations.1: unknown organisation "nep-bank"',
      );

      const database = path.join(directory, "never.db");
      const config = loadConfig({ APP_ENV: "test", DATABASE_URL: `file:${database}`, LOG_LEVEL: "silent" });
      const started = createServices(config, { contentDirectory: content });
      await expect(started).rejects.toBeInstanceOf(ContentError);
      await expect(started).rejects.toThrow(suiteMessage);
      expect(existsSync(database)).toBe(false);
    });
  });

  it("refuses a situations checklist with a power without its legal basis, naming the file and field, before it touches the database", async () => {
    await withContentCopy(async ({ directory, content }) => {
      const file = path.join(content, "situations", "checklist.json");
      const checklist = JSON.parse(readFileSync(file, "utf8"));
      const power = checklist.items.find((item: { kind: string }) => item.kind === "power");
      delete power.legalBasis;
      writeFileSync(file, JSON.stringify(checklist));

      const database = path.join(directory, "never.db");
      const config = loadConfig({ APP_ENV: "test", DATABASE_URL: `file:${database}`, LOG_LEVEL: "silent" });
      const started = createServices(config, { contentDirectory: content });
      await expect(started).rejects.toBeInstanceOf(ContentError);
      await expect(started).rejects.toThrow("content/situations/checklist.json: items: every power names its legal basis");
      expect(existsSync(database)).toBe(false);

      writeFileSync(file, "{ not json");
      await expect(createServices(config, { contentDirectory: content })).rejects.toThrow(/content\/situations\/checklist\.json: is not valid JSON/);
      expect(existsSync(database)).toBe(false);
    });
  });
});
