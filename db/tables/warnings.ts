/** A warning a coordinator publishes to the ambassadors of some wijken. */
export interface WarningTable {
  id: string;
  municipality_id: string;
  title: string;
  body: string;
  phenomenon: string;
  flow_id: string | null;
  /** YYYY-MM-DD, the last day (Europe/Amsterdam) it shows. */
  expires_on: string;
  created_by: string | null;
  created_at: string;
}

export interface WarningWijkTable {
  warning_id: string;
  wijk_id: string;
}

/** A device that accepts push notifications for its user. */
export interface PushSubscriptionTable {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: string;
}

export type PushDeliveryStatus = "pending" | "delivered" | "gone" | "failed";

/** One push to one device, queued and retried in the background. */
export interface PushDeliveryTable {
  id: string;
  subscription_id: string | null;
  warning_id: string | null;
  payload: string;
  status: PushDeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  /** The queue run holding this delivery's claim (its lease is next_attempt_at); null: never claimed. */
  claim_token: string | null;
}

export interface WarningTables {
  warnings: WarningTable;
  warning_wijken: WarningWijkTable;
  push_subscriptions: PushSubscriptionTable;
  push_deliveries: PushDeliveryTable;
}
