// npm run audit:verify [-- --head <signed head>] [-- --head-from <file>] —
// checks the audit log (docs/decisions/0703, 0722) in the database
// DATABASE_URL selects: the hash chain, each row's MAC (with AUDIT_KEY, else
// APP_SECRET, from the environment), and signed heads taken earlier from the
// server log or a backup's .audit-head file, which show whether rows were
// removed from the end. Exit code 0 and a signed head of the log as it is now
// when everything fits; 1 and the first problem otherwise; 2 for bad usage.
import { readFileSync } from "node:fs";
import { findAuditHeads, signAuditHead, type AuditHead } from "#app/features/audit/audit-chain.ts";
import { resolveAuditKey, storedAppSecret } from "#app/features/audit/audit-key.server.ts";
import { verifyAuditChain, type ChainProblem } from "#app/features/audit/audit.server.ts";
import { createDatabase, parseDatabaseUrl } from "#db/connection.ts";
import { readArgs, usageError } from "./cli.ts";

const usage = "npm run audit:verify [-- --head <wijkwijs-audit-head:…>] [-- --head-from <log or .audit-head file>]";
const { tokens } = readArgs(usage, {
  options: { head: { type: "string", multiple: true }, "head-from": { type: "string", multiple: true } },
  tokens: true,
});

const heads: AuditHead[] = [];
for (const token of tokens) {
  if (token.kind !== "option" || token.value === undefined) continue;
  let text = token.value;
  if (token.name === "head-from") {
    try {
      text = readFileSync(token.value, "utf8");
    } catch (error) {
      usageError(usage, `Cannot read ${token.value}: ${(error as Error).message}`);
    }
  }
  const found = findAuditHeads(text);
  if (found.length === 0) usageError(usage, `No signed audit head in ${token.name === "head" ? "the --head value" : token.value}.`);
  heads.push(...found);
}

const explain: Record<ChainProblem["reason"], string> = {
  hash_mismatch: "its contents do not match its hash (the row was changed)",
  previous_mismatch: "it does not point to the row before it (a row was removed, inserted or reordered)",
  missing_hash: "it has no hash",
  mac_mismatch: "its MAC does not match (the row was changed, or rows were removed and the chain recomputed without the key)",
  mac_missing: "it has no MAC although rows before it, or a signed head, say it must (a MAC was removed)",
  head_mismatch: "it is not the row a signed head names at this position (rows before it were removed or rewritten)",
  truncated: "a signed head counted more rows than the log has now (rows were removed from the end)",
  head_not_authentic: "a signed head given to check against was not made with this audit key, or was altered",
};

const db = createDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
try {
  const resolved = await resolveAuditKey(process.env, storedAppSecret(db));
  if (resolved?.source === "database") {
    process.stdout.write("Note: no AUDIT_KEY or APP_SECRET in the environment; using the secret kept in the database, which proves nothing against someone who can write to it.\n");
  }
  if (!resolved) process.stdout.write("Note: no audit key found; row MACs are not checked.\n");
  const result = await verifyAuditChain({ db }, { key: resolved?.key, heads });
  if (result.problem) {
    const { id, reason, head } = result.problem;
    const from = head ? ` (signed head of ${new Date(head.at).toISOString()}: ${head.rows} rows up to row ${head.lastId})` : "";
    process.stdout.write(`Audit chain BROKEN at row ${id}: ${explain[reason]}${from}. ${Math.max(result.rows - 1, 0)} rows before it are intact.\n`);
    process.exitCode = 1;
  } else {
    const parts = [`Audit chain intact: ${result.rows} rows.`];
    if (result.keyed) parts.push(`MACs checked${result.unkeyedRows ? ` (${result.unkeyedRows} first rows from before audit keys have none)` : ""}.`);
    if (heads.length) {
      const latest = heads.reduce((a, b) => (b.rows > a.rows ? b : a));
      parts.push(`Matches ${result.headsChecked} signed head(s), the latest of ${new Date(latest.at).toISOString()} (${latest.rows} rows).`);
    } else {
      parts.push("No signed head given (--head-from <server log or backup .audit-head>): removal of the last rows cannot be seen.");
    }
    process.stdout.write(`${parts.join(" ")}\nHead: ${result.head ?? "(empty)"}\n`);
    if (resolved) {
      process.stdout.write(`Signed head: ${signAuditHead(resolved.key, { rows: result.rows, lastId: result.lastId, hash: result.head }, new Date())}\n`);
    }
  }
} finally {
  await db.destroy();
}
