export const roles = ["ambassador", "coordinator", "police", "admin"] as const;
export type Role = (typeof roles)[number];

export interface UserTable {
  id: string;
  municipality_id: string;
  /** Stored lower-cased; unique across the installation. */
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  /** Set for ambassadors only. */
  organisation_id: string | null;
  language: string | null;
  created_at: string;
  last_active_at: string | null;
  deactivated_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a copy of the database holds no usable session. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute expiry; idle expiry is derived from last_seen_at. */
  expires_at: string;
  /** A coarse label such as "Chrome op Android", so people can recognise their own sessions. */
  device: string;
  /** When this session passed a second factor; null: not (yet). Required of staff. */
  second_factor_at: string | null;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  municipality_id: string;
  email: string;
  /** Null for staff invitations. */
  organisation_id: string | null;
  role: Role;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_user_id: string | null;
  revoked_at: string | null;
}

/** One row per counted attempt; the key is an HMAC, never a raw e-mail or IP address. */
export interface RateLimitEventTable {
  id: string;
  bucket: string;
  key_hash: string;
  occurred_at: string;
}

export interface AuthTables {
  users: UserTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  rate_limit_events: RateLimitEventTable;
}
