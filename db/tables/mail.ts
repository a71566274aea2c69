export type MailStatus = "pending" | "sent" | "failed";

/** One outgoing mail: queued in the transaction that causes it, delivered by a background worker. */
export interface MailOutboxTable {
  id: string;
  kind: string;
  recipient: string;
  language: string;
  from_name: string;
  subject: string;
  /** Null once erased by retention (or at delivery, for a mail that carries a key). */
  text_body: string | null;
  html_body: string | null;
  /** 1: holds a link that works as a key; its bodies are erased once delivered. */
  carries_key: number;
  message_id: string;
  status: MailStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  erased_at: string | null;
}

/** A single-use password reset link: only the token's SHA-256 is stored. */
export interface PasswordResetTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface MailTables {
  mail_outbox: MailOutboxTable;
  password_reset_tokens: PasswordResetTokenTable;
}
