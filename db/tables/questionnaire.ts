/** That a person took part in a questionnaire round: no answers, no time. */
export interface QuestionnaireParticipantTable {
  questionnaire_id: string;
  user_id: string;
}

/** How many answered, per answer to the grouping question ("" when there is none). */
export interface QuestionnaireGroupSizeTable {
  questionnaire_id: string;
  group_option: string;
  respondents: number;
}

/** Running total of one option of one question within one group. */
export interface QuestionnaireTallyTable {
  questionnaire_id: string;
  group_option: string;
  question_id: string;
  option_id: string;
  answers: number;
}

export interface QuestionnaireTables {
  questionnaire_participants: QuestionnaireParticipantTable;
  questionnaire_group_sizes: QuestionnaireGroupSizeTable;
  questionnaire_tallies: QuestionnaireTallyTable;
}
