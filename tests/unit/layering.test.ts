import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layers of docs/contributing.md ("The house"), checked on the source:
// routes do not write SQL, db/ does not depend on features, and a feature
// reaches another feature's tables only through that feature's functions.
// What is listed as known below is where the code does not keep the rule yet:
// the list may shrink, never grow.

const root = path.resolve(import.meta.dirname, "..", "..");

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) found.push(relative);
    }
  };
  walk(folder);
  return found.sort();
}

const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const importsOf = (file: string) => [...read(file).matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gm)].map((m) => m[1]!);
const featureOf = (file: string) => /^app\/features\/([^/]+)\//.exec(file)?.[1] ?? null;

/** db/ files that still import feature code: one table file's enums (they live in the signals feature), one migration. */
const knownDbImports: Record<string, string[]> = {
  "db/migrations/0700-hardening.ts": ["../../app/features/audit/audit-chain.ts"],
  "db/tables/signals.ts": ["#app/features/signals/options.ts"],
};

/** Which feature owns each table: the one whose functions the others call to read or change it. */
function tableOwners(): Map<string, string> {
  const byFile: Record<string, string> = { app: "app-settings" };
  const overrides: Record<string, string> = {
    rate_limit_events: "rate-limit",
    password_reset_tokens: "password-reset",
    notification_preferences: "profile",
    dashboard_publications: "publication",
  };
  const owners = new Map<string, string>();
  for (const file of readdirSync(path.join(root, "db", "tables"))) {
    const name = file.replace(/\.ts$/, "");
    for (const match of read(`db/tables/${file}`).matchAll(/^ {2}([a-z_]+): [A-Za-z]+Table;/gm)) {
      owners.set(match[1]!, overrides[match[1]!] ?? byFile[name] ?? name);
    }
  }
  return owners;
}

/** Features that query another feature's tables today, as "feature → owner: tables". */
const knownCrossFeatureQueries = [
  "audit → auth: users",
  "auth → areas: municipalities",
  "auth → organisations: organisations",
  "network → auth: users",
  "newsletter → areas: stadsdelen, wijken",
  "newsletter → auth: users",
  "newsletter → organisations: organisations",
  "organisations → areas: stadsdelen, wijken",
  "password-reset → auth: users",
  "password-reset → organisations: organisations",
  "programme → areas: stadsdelen, wijken",
  "programme → auth: users",
  "programme → organisations: organisations",
  "programme → signals: signal_notes, signals",
  "programme → training: training_certificates",
  "programme → warnings: warning_wijken, warnings",
  "publication → dashboard: signal_organisation_weeks, signal_rollups",
  "second-factor → auth: sessions, users",
  "signals → areas: municipalities, wijken",
  "signals → auth: users",
  "training → auth: users",
];

/** Table row types a feature imports from another feature's table file. */
const knownTableTypeImports = ["dashboard → #db/tables/signals.ts: SignalTable"];

/** An import of a file under content/: by the #content alias or by a relative path. */
const isContentFileImport = (source: string) => source.startsWith("#content/") || /(^|\/)content\/[^#]*\.json$/.test(source);

describe("layering", () => {
  it("content is read at start and checked onto services (app/features/content/ and the loaders beside it), never imported at build time", () => {
    const found = [...sourceFiles("app"), ...sourceFiles("scripts"), ...sourceFiles("server"), ...sourceFiles("db")].filter((file) => importsOf(file).some(isContentFileImport));
    expect(found).toEqual([]);
  });

  it("db/ imports no feature code beyond the known seeds", () => {
    const found: Record<string, string[]> = {};
    for (const file of sourceFiles("db")) {
      const features = importsOf(file).filter((source) => source.startsWith("#app/features/") || source.includes("/app/features/"));
      if (features.length) found[file] = [...new Set(features)].sort();
    }
    const unknown = Object.entries(found).flatMap(([file, imports]) => imports.filter((source) => !knownDbImports[file]?.includes(source)).map((source) => `${file} → ${source}`));
    expect(unknown).toEqual([]);
  });

  it("routes import neither Kysely nor the database's tables", () => {
    const offending = sourceFiles("app/routes").flatMap((file) =>
      importsOf(file)
        .filter((source) => source === "kysely" || source.startsWith("kysely/") || source === "#db/connection.ts" || source === "#db/schema.ts")
        .map((source) => `${file} → ${source}`),
    );
    expect(offending).toEqual([]);
  });

  it("a feature imports no other feature's table row types", () => {
    const found: string[] = [];
    for (const file of sourceFiles("app/features")) {
      const feature = featureOf(file)!;
      for (const match of read(file).matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"#db\/tables\/([^"]+)\.ts"/g)) {
        const tablesFile = match[2]!;
        const owner = tablesFile === "app" ? "app-settings" : tablesFile;
        const rowTypes = match[1]!.split(",").map((name) => name.replace(/^\s*type\s+/, "").trim()).filter((name) => /Table$/.test(name));
        if (rowTypes.length && owner !== feature) found.push(`${feature} → #db/tables/${tablesFile}.ts: ${rowTypes.join(", ")}`);
      }
    }
    expect([...new Set(found)].sort()).toEqual(knownTableTypeImports);
  });

  it("a feature queries another feature's tables only where known", () => {
    const owners = tableOwners();
    const pairs = new Map<string, Set<string>>();
    for (const file of sourceFiles("app/features")) {
      const feature = featureOf(file)!;
      for (const match of read(file).matchAll(/\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)\(\s*"([a-z_]+)/g)) {
        const owner = owners.get(match[1]!);
        if (!owner || owner === feature) continue;
        const key = `${feature} → ${owner}`;
        pairs.set(key, (pairs.get(key) ?? new Set()).add(match[1]!));
      }
    }
    const found = [...pairs].map(([key, tables]) => `${key}: ${[...tables].sort().join(", ")}`).sort();
    const unknown = found.filter((pair) => !knownCrossFeatureQueries.includes(pair));
    expect(unknown, "a feature reads or writes another feature's tables: call that feature's functions instead").toEqual([]);
  });
});
