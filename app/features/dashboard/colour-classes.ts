// The map's colour classes (docs/decisions/0405): consecutive ranges from the
// lowest value that gets a colour up to the largest value shown, of equal
// width in whole steps (1 for counts, 0.1 for rates), at most five. Classes
// never overlap, never run backwards and are never empty by construction:
// with few distinct values there are fewer classes, never "5 – 4".

export interface ColourClass {
  /** Inclusive bounds. */
  from: number;
  to: number;
}

export interface ColourClasses {
  classes: ColourClass[];
  /** 1…classes.length for a value inside the classes, 0 for 0 (no colour), null for a value that is not shown. */
  classOf(value: number | null): number | null;
}

/**
 * @param values the figures shown (counts from the threshold up, or rates); 0 and null get no class
 * @param lowest the smallest value a class starts at (the threshold for counts); raised to the smallest value when that is larger
 * @param step the resolution of the values: 1 for counts, 0.1 for rates per 1,000
 */
export function colourClasses(values: readonly (number | null)[], options: { lowest: number; step: number; maxClasses?: number }): ColourClasses {
  const { step, maxClasses = 5 } = options;
  // Work in whole units of the step so that rounding never moves a bound.
  const unit = (v: number) => Math.round(v / step);
  const positive = values.filter((v): v is number => v !== null && v > 0).map(unit);
  const classes: { from: number; to: number }[] = [];
  if (positive.length > 0) {
    const max = Math.max(...positive);
    const low = Math.min(Math.max(unit(options.lowest), 1), Math.min(...positive));
    const span = max - low + 1;
    const width = Math.ceil(span / maxClasses);
    for (let from = low; from <= max; from += width) classes.push({ from, to: Math.min(max, from + width - 1) });
  }
  const toValue = (u: number) => Math.round(u * step * 1e6) / 1e6;
  return {
    classes: classes.map((c) => ({ from: toValue(c.from), to: toValue(c.to) })),
    classOf(value) {
      if (value === null) return null;
      if (value <= 0) return 0;
      const u = unit(value);
      const index = classes.findIndex((c) => u >= c.from && u <= c.to);
      // Below the lowest class (a rate under the first bound): the first class.
      return index === -1 ? (u < (classes[0]?.from ?? 0) ? 1 : classes.length) : index + 1;
    },
  };
}
