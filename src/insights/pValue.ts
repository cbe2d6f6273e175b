import { studentTCdf } from "../probes/studentT.js";

/**
 * Two-sided p-value of `estimate` with standard error `se`: against Student's t with `df`
 * degrees of freedom when given (few families or forks), else the normal distribution.
 * A zero standard error gives 0 for a non-zero estimate and 1 for zero.
 *
 * @example twoSidedP(1.96, 1) // 0.0500 (normal); twoSidedP(1.96, 1, 4) // 0.1215
 */
export function twoSidedP(estimate: number, se: number, df?: number): number {
  if (!(se > 0)) return estimate === 0 ? 1 : 0;
  const z = Math.abs(estimate / se);
  return df !== undefined && Number.isFinite(df) ? 2 * (1 - studentTCdf(z, df)) : erfc(z / Math.SQRT2);
}

/**
 * The complementary error function, by the Chebyshev fit of Numerical Recipes (erfcc):
 * relative error below 1.2e-7 everywhere, plenty for p-values.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly =
    -x * x - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}
