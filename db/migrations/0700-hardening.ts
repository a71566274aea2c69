import type { Kysely } from "kysely";
import { auditRowHash, type ChainedFields } from "../../app/features/audit/audit-chain.ts";

// Hardening: second factors for staff (TOTP and passkeys), the
// one-time WebAuthn challenges, and the hash chain that makes the audit log
// tamper-evident. Portable types only (see 0001).

export async function up(db: Kysely<any>): Promise<void> {
  // When this session passed a second factor (TOTP code or passkey); null: not (yet).
  await db.schema.alterTable("sessions").addColumn("second_factor_at", "text").execute();

  await db.schema
    .createTable("totp_credentials")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    // AES-256-GCM with a key derived from the installation secret.
    .addColumn("secret_encrypted", "text", (c) => c.notNull())
    // Null until the person typed a first code from their app.
    .addColumn("confirmed_at", "text")
    // The last time step used: a code is accepted once.
    .addColumn("last_used_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("passkeys")
    // The credential id, base64url, as the authenticator gave it.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("counter", "integer", (c) => c.notNull())
    .addColumn("transports", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .execute();
  await db.schema.createIndex("passkeys_user").on("passkeys").column("user_id").execute();

  await db.schema
    .createTable("webauthn_challenges")
    // SHA-256 of the token in the short-lived challenge cookie.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("challenge", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  // Each audit row carries the hash of the row before it and its own hash.
  await db.schema.alterTable("audit_events").addColumn("previous_hash", "text").execute();
  await db.schema.alterTable("audit_events").addColumn("hash", "text").execute();
  // Rows written before this migration join the chain now, in id order.
  let previousHash: string | null = null;
  const rows = await db.selectFrom("audit_events").selectAll().orderBy("id").execute();
  for (const row of rows) {
    const hash = auditRowHash(previousHash, row as ChainedFields);
    await db.updateTable("audit_events").set({ previous_hash: previousHash, hash }).where("id", "=", row.id).execute();
    previousHash = hash;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_events").dropColumn("hash").execute();
  await db.schema.alterTable("audit_events").dropColumn("previous_hash").execute();
  await db.schema.dropTable("webauthn_challenges").execute();
  await db.schema.dropTable("passkeys").execute();
  await db.schema.dropTable("totp_credentials").execute();
  await db.schema.alterTable("sessions").dropColumn("second_factor_at").execute();
}
