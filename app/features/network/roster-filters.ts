// The filters of the ambassadors' roster (/beheer/ambassadeurs) as they appear
// in its URL. Its own module because the page lists them in the browser:
// schemas.ts would bring the password rules along.

export const rosterFilters = ["actief", "inactief", "uitgezet"] as const;
export const trainingFilters = ["gecertificeerd", "verlopen", "in-training", "niet-begonnen"] as const;
