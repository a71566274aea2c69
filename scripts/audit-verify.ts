// npm run audit:verify — walks the audit log's hash chain (docs/decisions/0703)
// in the database DATABASE_URL selects. Exit code 0 and the chain's head hash
// when every row fits; exit code 1 and the first row that does not otherwise.
import { verifyAuditChain } from "#app/features/audit/audit.server.ts";
import { createDatabase, parseDatabaseUrl } from "#db/connection.ts";

const db = createDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
try {
  const result = await verifyAuditChain({ db });
  if (result.problem) {
    const why = {
      hash_mismatch: "its contents do not match its hash (the row was changed)",
      previous_mismatch: "it does not point to the row before it (a row was removed, inserted or reordered)",
      missing_hash: "it has no hash",
    }[result.problem.reason];
    process.stdout.write(`Audit chain BROKEN at row ${result.problem.id}: ${why}. ${result.rows - 1} rows before it are intact.\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`Audit chain intact: ${result.rows} rows. Head: ${result.head ?? "(empty)"}\n`);
  }
} finally {
  await db.destroy();
}
