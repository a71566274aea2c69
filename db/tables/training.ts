/** One go at a training module by an ambassador. */
export interface TrainingAttemptTable {
  id: string;
  user_id: string;
  module_id: string;
  started_at: string;
  finished_at: string | null;
  correct_count: number;
  /** 1: finished with at least the module's pass score. */
  passed: number;
}

/** One answer within an attempt. */
export interface TrainingAnswerTable {
  attempt_id: string;
  question_id: string;
  option_id: string;
  correct: number;
  answered_at: string;
}

/** Passing the basic modules makes an ambassador certified until valid_until. */
export interface TrainingCertificateTable {
  user_id: string;
  certified_at: string;
  valid_until: string;
  reminder_sent_at: string | null;
}

export interface TrainingTables {
  training_attempts: TrainingAttemptTable;
  training_answers: TrainingAnswerTable;
  training_certificates: TrainingCertificateTable;
}
