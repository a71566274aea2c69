// Limits shared by the response form, its schema and the content check.

/** A response is a short message, like feedback on a signal. */
export const RESPONSE_MAX_LENGTH = 1000;
