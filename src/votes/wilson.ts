/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Proportion {
  /** The observed share, up / n (0 when n = 0). */
  share: number;
  lower: number;
  upper: number;
  n: number;
}

/**
 * The Wilson score interval for a share of `up` successes in `n` trials. Unlike the
 * normal approximation it stays inside [0, 1] and is honest for small n: 3 of 3 gives
 * 44–100%, not 100 ± 0.
 *
 * @example wilson(8, 10) // { share: 0.8, lower: 0.49, upper: 0.943, n: 10 } (rounded)
 */
export function wilson(up: number, n: number, z = Z95): Proportion {
  if (n <= 0) return { share: 0, lower: 0, upper: 1, n: 0 };
  const p = up / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { share: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), n };
}
