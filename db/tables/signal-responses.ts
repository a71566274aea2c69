/** A response to a signal's sender (app/features/signal-responses). */
export interface SignalResponseTable {
  id: string;
  signal_id: string;
  municipality_id: string;
  template_id: string;
  phenomenon: string;
  language: string;
  body: string;
  /** 0/1: whether staff changed the template's text. */
  edited: number;
  sender_id: string | null;
  author_id: string | null;
  author_role: string;
  created_at: string;
  /** From the form: the same form sent twice makes one response. */
  idempotency_key: string;
  /** 0/1: whether the sender answered "was this helpful?" — not what they answered. */
  rated: number;
}

/** Running totals of "was this helpful?" per template and phenomenon. */
export interface SignalResponseRatingTable {
  municipality_id: string;
  template_id: string;
  phenomenon: string;
  helpful: number;
  not_helpful: number;
}

export interface SignalResponseMailOptinTable {
  user_id: string;
  created_at: string;
}

export interface SignalResponseTables {
  signal_responses: SignalResponseTable;
  signal_response_ratings: SignalResponseRatingTable;
  signal_response_mail_optins: SignalResponseMailOptinTable;
}
