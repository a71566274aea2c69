import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// The audit log's hash chain: each row's hash covers the previous row's hash
// and this row's fields, so changing, removing or reordering a row breaks
// every hash after it. Anyone can recompute SHA-256, though, so the chain is
// anchored with a key that lives outside the database (docs/decisions/0722):
// - each row carries a MAC of its hash: rows cannot be removed or rewritten
//   and the chain recomputed without the key;
// - a signed head (row count, last id, last hash, time, MAC) is written where
//   the database cannot rewrite it — the server log, every backup — so that
//   removing the last rows (which leaves a valid chain) is noticed too.
// `npm run audit:verify` checks all three.

export interface ChainedFields {
  occurred_at: string;
  municipality_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
}

export function auditRowHash(previousHash: string | null, row: ChainedFields): string {
  const canonical = JSON.stringify([
    previousHash,
    row.occurred_at,
    row.municipality_id,
    row.actor_user_id,
    row.actor_role,
    row.action,
    row.target_type,
    row.target_id,
    row.details,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** The MAC key, derived from AUDIT_KEY (or APP_SECRET) so that the secret itself is used for nothing else here. */
export function auditMacKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("wijkwijs audit chain v1").digest();
}

/** Names a key without revealing it, so a head signed with another key says so. */
export function auditKeyId(key: Buffer): string {
  return createHmac("sha256", key).update("key id").digest("hex").slice(0, 12);
}

export function auditRowMac(key: Buffer, hash: string): string {
  return createHmac("sha256", key).update(`row\0${hash}`).digest("hex");
}

export function macMatches(expected: string, actual: string | null): boolean {
  if (!actual || actual.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(actual));
}

/** The chain at one moment: how many rows, the last one's id and hash. */
export interface ChainState {
  rows: number;
  lastId: number;
  hash: string | null;
}

export interface AuditHead extends ChainState {
  /** When the head was taken (epoch ms). */
  at: number;
  keyId: string;
  mac: string;
}

const HEAD_PREFIX = "wijkwijs-audit-head";
/** Finds signed heads in any text: a log file, a backup's head file, a pasted line. */
export const AUDIT_HEAD_PATTERN = /wijkwijs-audit-head:1:(\d+):(\d+):([0-9a-f]{64}|-):(\d+):([0-9a-f]{12}):([0-9a-f]{64})/g;

function headMac(key: Buffer, state: ChainState, at: number): string {
  return createHmac("sha256", key).update(`head\0${state.rows}\0${state.lastId}\0${state.hash ?? "-"}\0${at}`).digest("hex");
}

/** A signed head as one token, e.g. for a log line: wijkwijs-audit-head:1:<rows>:<last id>:<hash>:<time>:<key id>:<mac>. */
export function signAuditHead(key: Buffer, state: ChainState, at: Date): string {
  const time = at.getTime();
  return `${HEAD_PREFIX}:1:${state.rows}:${state.lastId}:${state.hash ?? "-"}:${time}:${auditKeyId(key)}:${headMac(key, state, time)}`;
}

/** Every signed head in a text, in order of appearance. */
export function findAuditHeads(text: string): AuditHead[] {
  return [...text.matchAll(AUDIT_HEAD_PATTERN)].map((match) => ({
    rows: Number(match[1]),
    lastId: Number(match[2]),
    hash: match[3] === "-" ? null : match[3]!,
    at: Number(match[4]),
    keyId: match[5]!,
    mac: match[6]!,
  }));
}

/** Whether the head was signed with this key and not changed since. */
export function auditHeadAuthentic(key: Buffer, head: AuditHead): boolean {
  return head.keyId === auditKeyId(key) && macMatches(headMac(key, head, head.at), head.mac);
}
