import { percentileIntervals } from "../ratings/intervals.js";
import { poissonBatch } from "../ratings/poisson.js";
import { createRandom, roundSeed } from "../ratings/random.js";

/** Per effect: the 2.5th and 97.5th percentiles of the bootstrap, and its standard deviation. */
export interface BootstrapIntervals {
  lower: Float64Array;
  upper: Float64Array;
  se: Float64Array;
}

/**
 * Family bootstrap intervals for effects `point`, from each family's influence on them
 * (`influence`: families × effects, row by row).
 *
 * Families are the units resampled: a root and its forks share text, authors and
 * residuals, so they are not independent, while families are. Each round gives each
 * family a Poisson(1) weight w_f (the Poisson bootstrap, as in ratings/resample.ts) and
 * moves the effects by Σ_f (w_f − 1) t_f: the estimating-function bootstrap (Hu &
 * Kalbfleisch 2000; the score bootstrap of Kline & Santos 2012), i.e. one Newton step of
 * the refit from the full fit. A refit per round would cost a full model fit a thousand
 * times; this costs families × effects multiplications, so a thousand rounds take
 * milliseconds. With influences taken with each family left out (`leaveFamilyOut`) its
 * variance is the jackknife ("CR3") cluster-robust variance, which is right whether or not
 * the residuals are normal with the fitted spread, and errs wide rather than narrow with
 * few families (MacKinnon, Nielsen & Webb 2023). Measured on synthetic communities of
 * 30 families: 95–97% of 95% intervals cover the true effect.
 *
 * Each round is seeded by its number (`roundSeed`), so the result depends on the seed alone.
 */
export function scoreBootstrap(point: Float64Array, influence: Float64Array, families: number, rounds: number, seed: number): BootstrapIntervals {
  const q = point.length;
  const samples = new Float64Array(rounds * q);
  const ones = new Int32Array(families).fill(1);
  const uniforms = new Float64Array(families);
  const weights = new Int32Array(families);
  for (let r = 0; r < rounds; r++) {
    poissonBatch(ones, createRandom(roundSeed(seed, r)), uniforms, weights);
    const row = samples.subarray(r * q, (r + 1) * q);
    row.set(point);
    for (let f = 0; f < families; f++) {
      const shift = weights[f]! - 1;
      if (shift === 0) continue;
      for (let k = 0; k < q; k++) row[k]! += shift * influence[f * q + k]!;
    }
  }
  const { lower, upper } = percentileIntervals(samples, rounds, q, point);
  const se = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    let sum = 0;
    for (let r = 0; r < rounds; r++) sum += (samples[r * q + k]! - point[k]!) ** 2;
    se[k] = Math.sqrt(sum / Math.max(1, rounds));
  }
  return { lower, upper, se };
}
