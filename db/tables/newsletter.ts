/** A coordinator's newsletter to all ambassadors or those of one stadsdeel. */
export interface NewsletterTable {
  id: string;
  municipality_id: string;
  stadsdeel_id: string | null;
  subject: string;
  body: string;
  author_id: string | null;
  recipients: number;
  created_at: string;
}

/** A mail a newsletter queued (its delivery status lives in mail_outbox). */
export interface NewsletterMailTable {
  newsletter_id: string;
  mail_id: string;
}

export interface NewsletterTables {
  newsletters: NewsletterTable;
  newsletter_mails: NewsletterMailTable;
}
