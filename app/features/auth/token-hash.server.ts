import { createHash } from "node:crypto";

/**
 * What the database keeps of a secret token (session, invitation, password
 * reset, passkey challenge): its SHA-256, so a copy of the database cannot be
 * used to log in or to follow a link. Tokens are random and long, so a plain
 * hash is enough; passwords are different (password.server.ts).
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
