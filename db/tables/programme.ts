/** An ambassador who chose to receive the monthly overview by e-mail. */
export interface MonthlyOverviewSubscriberTable {
  user_id: string;
  created_at: string;
}

/** A month's overview queued for one person: at most once (primary key user_id, month). */
export interface MonthlyOverviewMailTable {
  user_id: string;
  month: string;
  queued_at: string;
}

export interface ProgrammeTables {
  monthly_overview_subscribers: MonthlyOverviewSubscriberTable;
  monthly_overview_mails: MonthlyOverviewMailTable;
}
