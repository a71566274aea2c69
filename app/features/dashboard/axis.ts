// Axis ticks on round numbers (1, 2 or 5 times a power of ten), from 0 to at
// least the largest value, about `target` steps.

export function niceTicks(max: number, target = 4): number[] {
  const top = Math.max(1, max);
  const rough = top / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  // Whole numbers only: counts have no fractions.
  const whole = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let v = 0; v < top + whole; v += whole) {
    ticks.push(v);
    if (v >= top) break;
  }
  return ticks;
}
