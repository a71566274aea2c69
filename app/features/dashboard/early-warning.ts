// Early warning: is a phenomenon's count in a wijk or stadsdeel this week
// well above its own recent baseline? The test, as the page states it:
//
//   baseline λ = the mean weekly count over the 8 weeks before (at least 0.5,
//   so that a first appearance is not "infinitely" unusual);
//   flag when the count k is at least the minimum (the suppression threshold,
//   and never below 5) and P(X ≥ k) < 0.001 for X ~ Poisson(λ).
//
// A Poisson upper tail against a trailing mean is the simplest test that
// reads in plain words ("this happens by chance less than 1 in 1,000 weeks")
// and does not flag a steady series of any size.

export const BASELINE_WEEKS = 8;
/** Of those, how many must be published as a figure (not hidden as "×") for a test. */
export const MIN_BASELINE_WEEKS = 6;
export const BASELINE_FLOOR = 0.5;
export const ALPHA = 0.001;

/** P(X ≥ k) for X ~ Poisson(λ). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  // 1 − P(X ≤ k − 1), summed in log space to stay stable for larger k.
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

export interface WarningTest {
  count: number;
  baseline: number;
  pValue: number;
  flagged: boolean;
}

export function testForSpike(count: number, previousWeeks: readonly number[], minimumCount: number): WarningTest {
  const mean = previousWeeks.length === 0 ? 0 : previousWeeks.reduce((a, b) => a + b, 0) / previousWeeks.length;
  const lambda = Math.max(mean, BASELINE_FLOOR);
  // For large k the sum loses precision; a direct tail for the upper part keeps it.
  const pValue = count > lambda ? upperTail(count, lambda) : 1;
  return { count, baseline: mean, pValue, flagged: count >= minimumCount && pValue < ALPHA };
}

/** The upper tail summed directly from k upwards: precise when it is tiny. */
function upperTail(k: number, lambda: number): number {
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let sum = 0;
  for (let i = k; i < k + 1000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-12) break;
    logTerm += Math.log(lambda / (i + 1));
  }
  return Math.min(1, sum);
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

/** "1 in 1,000", "1 in 10,000", …: how rare, in a bucket that does not give the baseline back. */
export function rarityBucket(pValue: number): 1000 | 10000 | 100000 {
  if (pValue < 1e-5) return 100000;
  if (pValue < 1e-4) return 10000;
  return 1000;
}

/**
 * The baseline as the page says it: whole signals per week, "less than 1"
 * below that. Rounded so that the exact sum of the 8 weeks (which may hold
 * suppressed weeks) cannot be read back.
 */
export function roundedBaseline(mean: number): { lessThanOne: true } | { lessThanOne: false; perWeek: number } {
  return mean < 1 ? { lessThanOne: true } : { lessThanOne: false, perWeek: Math.round(mean) };
}
