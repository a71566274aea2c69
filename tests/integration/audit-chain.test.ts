import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { auditMacKey, auditRowHash, findAuditHeads, signAuditHead } from "#app/features/audit/audit-chain.ts";
import { recordAudit, verifyAuditChain } from "#app/features/audit/audit.server.ts";
import { projectRoot } from "#server/services.ts";
import { startAppProcess, type AppProcess } from "#tests/support/app-process.ts";
import { createUser } from "#tests/support/fixtures.ts";
import { HttpClient } from "#tests/support/test-server.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";
import { describeApp } from "#tests/support/describe-app.ts";

// The audit log is tamper-evident: every row carries the previous row's hash.
// Changing a row, deleting one, or writing many at once in parallel — the
// chain shows it (or stays whole), and `npm run audit:verify` names the row.

const run = promisify(execFile);

async function auditVerify(databaseUrl: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(projectRoot, "scripts", "audit-verify.ts"), ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout };
  }
}

describeApp("tamper-evident audit on %s", { noServer: true }, (app) => {
  const { dialect } = app;
  let services: TestServices;
  beforeAll(async () => {
    ({ services } = app);
  });

  it("parallel writers keep one chain; a changed row and a deleted row are found and named", async () => {
    const actor = { id: "00000000-0000-4000-8000-000000000001", role: "coordinator", municipalityId: services.municipality.id };
    // Twenty writers at once (PostgreSQL: separate connections) still make one unbroken chain.
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(services, { actor, action: "test.parallel", details: { i } })));
    await services.db.transaction().execute(async (trx) => {
      await recordAudit({ db: trx, clock: services.clock }, { actor, action: "test.in_transaction" });
    });
    const intact = await verifyAuditChain(services);
    expect(intact.problem).toBeNull();
    expect(intact.rows).toBeGreaterThanOrEqual(21);
    const script = await auditVerify(services.database.url);
    expect(script.code).toBe(0);
    expect(script.out).toContain(`Audit chain intact: ${intact.rows} rows.`);

    const rows = await services.db.selectFrom("audit_events").select(["id"]).where("action", "=", "test.parallel").orderBy("id").execute();
    const changed = rows[5]!.id;
    await services.db.updateTable("audit_events").set({ details: '{"i":999}' }).where("id", "=", changed).execute();
    expect((await verifyAuditChain(services)).problem).toEqual({ id: changed, reason: "hash_mismatch" });
    const broken = await auditVerify(services.database.url);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`Audit chain BROKEN at row ${changed}: its contents do not match its hash`);

    // Removing the row instead: the row after it no longer fits.
    await services.db.deleteFrom("audit_events").where("id", "=", changed).execute();
    const afterDelete = await verifyAuditChain(services);
    expect(afterDelete.problem).toEqual({ id: rows[6]!.id, reason: "previous_mismatch" });
  });

  it("a production script without the key in its environment writes no audit row at all, rather than one signed with another key", async () => {
    const script = await createTestServices(dialect, { env: { APP_ENV: "production", DEMO_DATA: "false" } });
    try {
      const actor = { id: randomUUID(), role: "admin", municipalityId: script.municipality.id };
      await expect(recordAudit(script, { actor, action: "test.keyless" })).rejects.toThrow(/AUDIT_KEY \(or APP_SECRET\) must be set when APP_ENV=production/);
      expect(await script.db.selectFrom("audit_events").select("id").where("action", "=", "test.keyless").execute()).toEqual([]);
    } finally {
      await script.database.drop();
    }
  });

  it("anchored: rows removed from the end, or removed with the chain recomputed, are found against the head the server logged", { timeout: 90_000 }, async () => {
    // A separate installation with its key in the environment, as in production.
    const env = { AUDIT_KEY: `audit-key-${randomUUID()}` };
    const own = await createTestServices(dialect, { env });
    let app: AppProcess | undefined;
    try {
      const user = await createUser(own, { role: "ambassador" });
      app = await startAppProcess({ DATABASE_URL: own.database.url, DEMO_DATA: "false", ...env });
      // Each login and logout is an audit row, written by the server process.
      for (let i = 0; i < 4; i++) {
        const client = new HttpClient(app.url);
        expect((await client.post("/inloggen", { email: user.email, password: user.password })).status).toBe(302);
        expect((await client.post("/uitloggen", {})).status).toBe(302);
      }
      await app.stop();
      // The server wrote the signed head to its log when it stopped.
      const logged = findAuditHeads(app.output.join("\n"));
      expect(logged.length).toBeGreaterThanOrEqual(2);
      const last = logged.at(-1)!;
      const rows = await own.db.selectFrom("audit_events").select(["id", "hash", "mac"]).orderBy("id").execute();
      expect(last.rows).toBe(rows.length);
      expect(last.hash).toBe(rows.at(-1)!.hash);
      expect(rows.every((row) => row.mac)).toBe(true);
      const logFile = path.join(os.tmpdir(), `wijkwijs-audit-${randomUUID()}.log`);
      writeFileSync(logFile, app.output.join("\n"));

      // Also against a head of the log when it was still empty (as a server logs at its first start).
      const emptyHead = signAuditHead(auditMacKey(env.AUDIT_KEY), { rows: 0, lastId: 0, hash: null }, new Date(0));
      const intact = await auditVerify(own.database.url, ["--head-from", logFile, "--head", emptyHead], env);
      expect(intact.out).toContain(`Audit chain intact: ${rows.length} rows.`);
      expect(intact.out).toContain("MACs checked");
      expect(intact.code).toBe(0);

      // The last two rows removed: what is left is a valid chain, and without a head nothing shows…
      await own.db.deleteFrom("audit_events").where("id", ">", rows.at(-3)!.id).execute();
      expect((await auditVerify(own.database.url, [], env)).code).toBe(0);
      // …but the head the server logged counted them.
      const truncated = await auditVerify(own.database.url, ["--head-from", logFile], env);
      expect(truncated.code).toBe(1);
      expect(truncated.out).toContain(`Audit chain BROKEN at row ${last.lastId}: a signed head counted more rows than the log has now`);

      // A head whose count was lowered to match is not signed with the key.
      const forged = signAuditHead(auditMacKey("not-the-key-".repeat(4)), { rows: rows.length - 2, lastId: rows.at(-3)!.id, hash: rows.at(-3)!.hash }, new Date());
      const notOurs = await auditVerify(own.database.url, ["--head", forged], env);
      expect(notOurs.code).toBe(1);
      expect(notOurs.out).toContain("was not made with this audit key");

      // A row in the middle removed and every hash after it recomputed (SHA-256 needs no key): the MACs no longer fit.
      const removed = rows[2]!.id;
      await own.db.deleteFrom("audit_events").where("id", "=", removed).execute();
      await recomputeChainFrom(own, removed);
      expect((await verifyAuditChain(own, { key: undefined })).problem, "the bare hash chain looks whole").toBeNull();
      const recomputed = await auditVerify(own.database.url, [], env);
      expect(recomputed.code).toBe(1);
      expect(recomputed.out).toContain(`Audit chain BROKEN at row ${rows[3]!.id}: its MAC does not match`);
      // Removing the MACs too does not help: rows before it have one.
      await own.db.updateTable("audit_events").set({ mac: null }).where("id", ">", removed).execute();
      const stripped = await auditVerify(own.database.url, [], env);
      expect(stripped.code).toBe(1);
      expect(stripped.out).toContain(`Audit chain BROKEN at row ${rows[3]!.id}: it has no MAC`);
      // Nor removing every MAC: the signed head names a row that is no longer what it was.
      await own.db.updateTable("audit_events").set({ mac: null }).execute();
      const allStripped = await auditVerify(own.database.url, ["--head-from", logFile], env);
      expect(allStripped.code).toBe(1);
      expect(allStripped.out).toMatch(/Audit chain BROKEN at row \d+: (it is not the row a signed head names|it has no MAC although)/);
      rmSync(logFile, { force: true });
    } finally {
      await app?.stop();
      await own.database.drop();
    }
  });
});

/** What someone with write access but without the key can do: recompute SHA-256 over the rows from `fromId` on. */
async function recomputeChainFrom(services: TestServices, fromId: number): Promise<void> {
  const before = await services.db.selectFrom("audit_events").select("hash").where("id", "<", fromId).orderBy("id", "desc").limit(1).executeTakeFirst();
  let previousHash = before?.hash ?? null;
  const rows = await services.db.selectFrom("audit_events").selectAll().where("id", ">", fromId).orderBy("id").execute();
  for (const row of rows) {
    const hash = auditRowHash(previousHash, row);
    await services.db.updateTable("audit_events").set({ previous_hash: previousHash, hash }).where("id", "=", row.id).execute();
    previousHash = hash;
  }
}
