import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAuditHeads } from "#app/features/audit/audit-chain.ts";
import { verifyAuditChain } from "#app/features/audit/audit.server.ts";
import { checkDatabaseFile } from "#app/features/backup/sqlite-backup.server.ts";
import { createDatabase } from "#db/connection.ts";
import { projectRoot } from "#server/services.ts";
import { createSessionToken, createUser } from "#tests/support/fixtures.ts";
import { startServerProcess, type ServerProcess } from "#tests/support/server-process.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// npm run backup under load, npm run restore into a fresh instance: every row
// of the backup is there, the audit chain is whole, and the app runs on it.
// SQLite only: PostgreSQL installations use pg_dump/pg_restore (README).

const run = promisify(execFile);
const script = (name: string, databaseUrl: string, args: string[]) =>
  run(process.execPath, [path.join(projectRoot, "scripts", name), ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl } });

describe("backup and restore (SQLite)", () => {
  let services: TestServices;
  let server: ServerProcess | undefined;
  let restored: ServerProcess | undefined;
  const directory = mkdtempSync(path.join(os.tmpdir(), "wijkwijs-backup-"));

  beforeAll(async () => {
    services = await createTestServices("sqlite");
  });
  afterAll(async () => {
    await server?.stop();
    await restored?.stop();
    await services?.database.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it("backs up while signals keep arriving, and restores into a fresh instance with every row intact", { timeout: 90_000 }, async () => {
    const ambassador = await createUser(services, { role: "ambassador" });
    const token = await createSessionToken(services, ambassador);
    server = await startServerProcess(services.database.url);
    const live = server;
    const acknowledged = new Set<string>();
    let stop = false;
    const submitLoop = async () => {
      while (!stop) {
        const key = randomUUID();
        const response = await fetch(`${live.url}/signalen/nieuw`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json", origin: live.url, cookie: `__Host-wijkwijs-session=${token}` },
          body: JSON.stringify({ idempotencyKey: key, phenomenon: "phishing", wijkId: "den-haag-wk-moerwijk", when: "this_week", channel: "sms", targetGroup: "elderly", affected: "few", outcome: "attempt", urgency: "normal", recipients: "gemeente", intent: "send" }),
        });
        await response.text();
        if (response.status === 201) acknowledged.add(key);
      }
    };
    const load = Promise.all([submitLoop(), submitLoop()]);
    while (acknowledged.size < 5) await new Promise((resolve) => setTimeout(resolve, 20));

    const backupFile = path.join(directory, "backup.db");
    const ackedBeforeBackup = new Set(acknowledged);
    const { stdout } = await script("backup.ts", services.database.url, [backupFile]);
    stop = true;
    await load;
    expect(stdout).toContain(`Backup written to ${backupFile}`);
    // Every backup carries the audit log's signed head, outside the database.
    expect(stdout).toContain(`Audit head: wijkwijs-audit-head:1:`);
    const [backupHead] = findAuditHeads(readFileSync(`${backupFile}.audit-head`, "utf8"));
    expect(backupHead).toBeDefined();

    const check = checkDatabaseFile(backupFile);
    expect(check.problems).toEqual([]);
    const backupDb = createDatabase({ dialect: "sqlite", path: backupFile });
    const backedUp = await backupDb.selectFrom("signals").selectAll().orderBy("id").execute();
    const backedUpAudit = await backupDb.selectFrom("audit_events").selectAll().orderBy("id").execute();
    await backupDb.destroy();
    const keys = new Set(backedUp.map((row) => row.idempotency_key));
    for (const key of ackedBeforeBackup) expect(keys.has(key), `signal acknowledged before the backup began is in it`).toBe(true);

    // A file that is not a backup is refused, and nothing is touched.
    const junk = path.join(directory, "junk.db");
    writeFileSync(junk, "not a database at all");
    const freshUrl = `file:${path.join(directory, "fresh", "wijkwijs.db")}`;
    await expect(script("restore.ts", freshUrl, [junk])).rejects.toMatchObject({ stderr: expect.stringContaining("is not a usable Wijkwijs backup") });

    const restoredOut = await script("restore.ts", freshUrl, [backupFile]);
    expect(restoredOut.stdout).toContain("Restored");
    restored = await startServerProcess(freshUrl);
    expect((await fetch(`${restored.url}/healthz`)).status).toBe(200);
    const freshDb = createDatabase({ dialect: "sqlite", path: path.join(directory, "fresh", "wijkwijs.db") });
    try {
      expect(await freshDb.selectFrom("signals").selectAll().orderBy("id").execute()).toEqual(backedUp);
      const audit = await freshDb.selectFrom("audit_events").selectAll().orderBy("id").execute();
      expect(audit.slice(0, backedUpAudit.length)).toEqual(backedUpAudit);
      expect((await verifyAuditChain({ db: freshDb })).problem).toBeNull();
    } finally {
      await freshDb.destroy();
    }
    // The restored log holds at least what the backup's signed head counted.
    const verified = await script("audit-verify.ts", freshUrl, ["--head-from", `${backupFile}.audit-head`]);
    expect(verified.stdout).toContain(`Matches 1 signed head(s)`);
    expect(verified.stdout).toContain(`(${backupHead!.rows} rows)`);
    // The ambassador's session came along: their signals are there in the restored app.
    const mine = await fetch(`${restored.url}/mijn-signalen`, { headers: { cookie: `__Host-wijkwijs-session=${token}` } });
    expect(mine.status).toBe(200);
  });
});
