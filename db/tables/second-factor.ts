/** A staff member's authenticator-app secret. */
export interface TotpCredentialTable {
  user_id: string;
  secret_encrypted: string;
  confirmed_at: string | null;
  /** bigint: pg returns it as a number (see db/connection.ts). */
  last_used_step: number | null;
  created_at: string;
}

/** A WebAuthn credential: a second factor for staff, and a way to log in for everyone. */
export interface PasskeyTable {
  id: string;
  user_id: string;
  public_key: string;
  counter: number;
  /** Comma-separated AuthenticatorTransport values. */
  transports: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

export type WebauthnPurpose = "register" | "authenticate" | "login";

/** A challenge handed out once and consumed once. */
export interface WebauthnChallengeTable {
  id: string;
  challenge: string;
  purpose: WebauthnPurpose;
  user_id: string | null;
  expires_at: string;
}

export interface SecondFactorTables {
  totp_credentials: TotpCredentialTable;
  passkeys: PasskeyTable;
  webauthn_challenges: WebauthnChallengeTable;
}
