import { cholesky, choleskyInverse } from "./cholesky.js";
import { conjugateGradient } from "./conjugateGradient.js";
import { leaveFamilyOut } from "./leaveFamilyOut.js";
import { familyBlocks, type FamilyBlocks } from "./familyBlocks.js";
import type { PairFit } from "./pairFit.js";
import { hessianProduct, strengths, type PairProblem } from "./pairOperators.js";
import type { FamilyInfluence } from "./scoreBootstrap.js";

/** A residual of 1e-3 leaves errors of about 0.1% in the influences: nothing next to an interval's own uncertainty. */
const CG_TOLERANCE = 1e-3;
const CG_MAX_ITERATIONS = 5000;

/**
 * Each family's influence on the feature and model effects (families × fixed, row by
 * row). First t_f = [H⁻¹ g_f]_fixed, where H is the penalised curvature at the fit and g_f
 * the family's share of the gradient — the score of its contestants' battles plus the
 * penalty on its variants' residuals; at the fit Σ_f g_f = 0. Then each t_f is taken with
 * the family left out of the information (`leaveFamiliesOut`), so that a family bootstrap
 * moving the effects by Σ_f (w_f − 1) t_f has the jackknife's spread (see `scoreBootstrap`).
 *
 * A battle between two families is split between them, each side taking its contestant's
 * part. Its two parts are perfectly correlated, which treating families as independent
 * ignores: when both sides carry a feature this overstates that battle's share of the
 * variance (the intervals err wide), otherwise it is exact. The arena pairs variants
 * within a family, so such battles are few.
 *
 * Costs one conjugate-gradient solve per effect: row k of H⁻¹, then one pass over the
 * contestants to split a_kᵀ g among families. The diagonal of H⁻¹'s fixed block comes with
 * it: the effects' model-based variances, the floor of the intervals (see
 * `atLeastModelBased`).
 */
export function pairInfluence(problem: PairProblem, fit: PairFit, familyOf: Int32Array, families: number): FamilyInfluence {
  const { fixed, contestantVariant } = problem;
  const { params, lambda, curvature } = fit;
  const times = hessianProduct(problem, curvature, lambda);
  const blocks = familyBlocks(problem, fit, familyOf);
  const influence = new Float64Array(families * fixed);
  const unit = new Float64Array(params.length);
  const row = new Float64Array(params.length);
  const z = new Float64Array(contestantVariant.length);
  // The fixed part of H⁻¹, row by row: its inverse is the effects' information S with the residuals profiled out.
  const covariance = new Float64Array(fixed * fixed);
  for (let k = 0; k < fixed; k++) {
    unit.fill(0);
    unit[k] = 1;
    conjugateGradient(times, blocks.precondition, unit, row, CG_TOLERANCE, CG_MAX_ITERATIONS);
    covariance.set(row.subarray(0, fixed), k * fixed);
    strengths(problem, row, z);
    for (let c = 0; c < z.length; c++) influence[familyOf[contestantVariant[c]!]! * fixed + k]! += curvature.gradient[c]! * z[c]!;
    for (let v = 0; v < problem.variants; v++) influence[familyOf[v]! * fixed + k]! -= lambda * row[fixed + v]! * params[fixed + v]!;
  }
  // The model-based variances, before `leaveFamiliesOut` factors the covariance in place.
  const modelVariance = Float64Array.from({ length: fixed }, (_, k) => covariance[k * fixed + k]!);
  leaveFamiliesOut(fixed, blocks, covariance, influence, families);
  return { influence, modelVariance };
}

/**
 * Replaces each family's influence t_f = S⁻¹ h_f by (S − S_f)⁻¹ h_f, its value with the
 * family left out of the information (see `leaveFamilyOut`): S is the inverse of the
 * effects' block of H⁻¹, S_f the family's share of it (`familyBlocks`).
 */
function leaveFamiliesOut(q: number, blocks: FamilyBlocks, covariance: Float64Array, influence: Float64Array, families: number): void {
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < i; j++) covariance[i * q + j] = covariance[j * q + i] = (covariance[i * q + j]! + covariance[j * q + i]!) / 2;
  }
  if (!cholesky(covariance, q)) return;
  const information = choleskyInverse(covariance, q);
  const h = new Float64Array(q);
  const part = new Float64Array(q * q);
  const scratch = new Float64Array(q * q);
  for (let f = 0; f < families; f++) {
    if (!blocks.share(f, part)) continue;
    const t = influence.subarray(f * q, (f + 1) * q);
    for (let i = 0; i < q; i++) {
      let s = 0;
      for (let j = 0; j < q; j++) s += information[i * q + j]! * t[j]!;
      h[i] = s;
    }
    if (leaveFamilyOut(information, q, part, h, 0, scratch)) t.set(h);
  }
}
