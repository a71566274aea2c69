/** An ambassador's choice of wijken for warnings; no rows: their organisation's wijk. */
export interface NotificationPreferenceTable {
  user_id: string;
  wijk_id: string;
  created_at: string;
}

/** Bookkeeping of the inactivity check, one row per ambassador it has dealt with. */
export interface AmbassadorInactivityTable {
  user_id: string;
  /** After a reactivation the inactivity clock starts here rather than at the last login. */
  counted_from: string | null;
  /** When the ambassador was flagged for switching off; cleared when they are active again. */
  warned_at: string | null;
  /** When the check (not a person) switched the account off. */
  deactivated_at: string | null;
}

export interface NetworkTables {
  notification_preferences: NotificationPreferenceTable;
  ambassador_inactivity: AmbassadorInactivityTable;
}
