/** Small installation-wide settings, e.g. generated keys kept across restarts. */
export interface AppSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AppTables {
  app_settings: AppSettingTable;
}
