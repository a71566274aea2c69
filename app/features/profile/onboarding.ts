// The steps of the ambassadors' introduction (/welkom), in order. Its own
// module because the page shows them in the browser: schemas.ts would bring
// the password rules along.

export const onboardingSteps = ["welcome", "signals", "sharing", "offline"] as const;
