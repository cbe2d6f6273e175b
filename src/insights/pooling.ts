import { Z95 } from "../votes/wilson.js";
import { CONFIDENCE } from "../probes/stats.js";
import { studentTQuantile } from "../probes/studentT.js";
import { twoSidedP } from "./pValue.js";
import type { Interval } from "./types.js";

/** One fork's estimate of a change's effect, with its standard error. */
export interface Study {
  estimate: number;
  se: number;
}

/** A pooled effect: `tau` is the spread of the true effects between forks (families), `df` the degrees of freedom of its interval. */
export interface Pooled extends Interval {
  tau: number;
  df: number;
}

/**
 * Random-effects pooling of forks' estimates of one change: DerSimonian–Laird's estimate
 * of the spread τ² between forks (method of moments on Cochran's Q), inverse-variance
 * weights 1/(se² + τ²), and the Hartung–Knapp–Sidik–Jonkman interval: the weighted
 * residual variance as the scale and Student's t with k − 1 degrees of freedom. With a
 * handful of forks the plain DerSimonian–Laird normal interval covers far less than 95%
 * (IntHout et al. 2014); HKSJ keeps close to it. The scale is floored at 1 (the "modified"
 * HKSJ, Röver et al. 2015), so the interval is never narrower than the fixed-effect one.
 * One study is returned as it is, with a normal interval.
 *
 * @example poolRandomEffects([{ estimate: 10, se: 4 }, { estimate: 6, se: 3 }, { estimate: 14, se: 5 }]) // estimate 8.69, tau 0.55, 95% CI −0.73 to 18.12 (t with 2 df)
 */
export function poolRandomEffects(studies: readonly Study[]): Pooled {
  const k = studies.length;
  if (k === 0) throw new RangeError("nothing to pool");
  // A standard error of 0 (e.g. 10 of 10 against 10 of 10) would take all the weight.
  const variances = studies.map((s) => Math.max(s.se, 1e-9) ** 2);
  if (k === 1) {
    const { estimate, se } = studies[0]!;
    return { estimate, se, lower: estimate - Z95 * se, upper: estimate + Z95 * se, p: twoSidedP(estimate, se), tau: 0, df: Infinity };
  }
  const fixedWeights = variances.map((v) => 1 / v);
  const fixedSum = fixedWeights.reduce((a, b) => a + b, 0);
  const fixedMean = studies.reduce((s, x, i) => s + fixedWeights[i]! * x.estimate, 0) / fixedSum;
  const q = studies.reduce((s, x, i) => s + fixedWeights[i]! * (x.estimate - fixedMean) ** 2, 0);
  const c = fixedSum - fixedWeights.reduce((s, w) => s + w * w, 0) / fixedSum;
  const tau2 = Math.max(0, (q - (k - 1)) / c);
  const weights = variances.map((v) => 1 / (v + tau2));
  const sum = weights.reduce((a, b) => a + b, 0);
  const estimate = studies.reduce((s, x, i) => s + weights[i]! * x.estimate, 0) / sum;
  const scale = studies.reduce((s, x, i) => s + weights[i]! * (x.estimate - estimate) ** 2, 0) / (k - 1);
  const se = Math.sqrt(Math.max(1, scale) / sum);
  const half = studentTQuantile(1 - (1 - CONFIDENCE) / 2, k - 1) * se;
  return { estimate, se, lower: estimate - half, upper: estimate + half, p: twoSidedP(estimate, se, k - 1), tau: Math.sqrt(tau2), df: k - 1 };
}
