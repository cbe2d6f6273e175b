/** Axis domain, ticks and value formatting for ranking charts. */

export interface Axis {
  min: number;
  max: number;
  ticks: number[];
  /** Value to draw a stronger reference gridline at, if any. */
  reference?: number;
  format: (value: number) => string;
}

/** The smallest "nice" step (1, 2 or 5 × 10^k) that splits `span` into at most `count` intervals. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Multiples of `step` within [min, max], computed as integers times step to avoid 0.30000000000000004. */
export function ticksBetween(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) ticks.push(i * step);
  return ticks;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const formatPercent = (share: number): string => `${Math.round(share * 100)}%`;
/** Ratings print without grouping ("1128"), as Elo ratings usually are; it also keeps ranges short. */
export const formatRating = (rating: number): string => String(Math.round(rating));
export const formatCount = (n: number): string => integer.format(n);

/** Shares are always drawn on 0–100%: bars start at zero, and a cropped axis would flatter small gaps. */
export function shareAxis(): Axis {
  return { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], reference: 0.5, format: formatPercent };
}

/** Rating points the axis spans at least, so one contestant or a tie still gets a readable scale. */
const MIN_RATING_SPAN = 50;

/**
 * Ratings have no natural zero, so the axis spans the intervals (or the caller's fixed min/max)
 * with a little air, and ticks fall on round numbers inside it. Rows that reach past a fixed
 * bound are clipped with an arrow.
 */
export function ratingAxis(values: number[], fixedMin?: number, fixedMax?: number, tickCount = 5): Axis {
  if (fixedMin !== undefined && !Number.isFinite(fixedMin)) fixedMin = undefined;
  if (fixedMax !== undefined && !Number.isFinite(fixedMax)) fixedMax = undefined;
  if (fixedMin !== undefined && fixedMax !== undefined && !(fixedMax > fixedMin)) {
    fixedMin = fixedMax = undefined;
  }
  const finite = values.filter(Number.isFinite);
  let lo = finite.length > 0 ? Math.min(...finite) : 1000;
  let hi = finite.length > 0 ? Math.max(...finite) : 1000;
  if (hi - lo < MIN_RATING_SPAN) [lo, hi] = [(lo + hi - MIN_RATING_SPAN) / 2, (lo + hi + MIN_RATING_SPAN) / 2];
  const air = (hi - lo) * 0.04;
  let min = fixedMin ?? lo - air;
  let max = fixedMax ?? hi + air;
  // One fixed bound may sit past all the data: keep a readable span on the free side.
  if (max - min < MIN_RATING_SPAN && fixedMax === undefined) max = min + MIN_RATING_SPAN;
  if (max - min < MIN_RATING_SPAN && fixedMin === undefined) min = max - MIN_RATING_SPAN;
  const step = niceStep(max - min, Math.max(2, tickCount));
  return { min, max, ticks: ticksBetween(min, max, step), format: formatRating };
}
