import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChain } from "#app/features/audit/audit.server.ts";
import { projectRoot } from "#server/services.ts";
import { testDialects } from "#tests/support/test-database.ts";
import { createTestServices, type TestServices } from "#tests/support/test-services.ts";

// The audit log is tamper-evident: every row carries the previous row's hash.
// Changing a row, deleting one, or writing many at once in parallel — the
// chain shows it (or stays whole), and `npm run audit:verify` names the row.

const run = promisify(execFile);

async function auditVerify(databaseUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(projectRoot, "scripts", "audit-verify.ts")], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout };
  }
}

describe.each(testDialects())("tamper-evident audit on %s", (dialect) => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices(dialect);
  });
  afterAll(async () => {
    await services?.database.drop();
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
});
