// Words residents type for the same thing. A query word that belongs to a
// group also finds the other words of that group, so "pinpas" finds a tip
// about the "bankpas" and "nepmail" a flow about "phishing". Groups are
// written as people write (accents and case do not matter) and may mix
// languages; keep each group to words that truly mean the same here.
export const synonymGroups: readonly (readonly string[])[] = [
  ["pinpas", "bankpas", "betaalpas", "debitcard"],
  ["nepmail", "phishingmail", "phishing"],
  ["nepsms", "phishing"],
  ["mail", "email", "mailtje"],
  ["nep", "vals", "valse", "neppe", "fake"],
  ["gehackt", "gehacked", "hacked", "gekaapt"],
];
