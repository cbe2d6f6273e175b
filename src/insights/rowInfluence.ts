import { choleskyInverse, choleskySolve } from "./cholesky.js";
import { leaveFamilyOut } from "./leaveFamilyOut.js";
import { residualGradient, type RowFit, type RowProblem } from "./rowFit.js";
import { addVariantShare } from "./rowLayout.js";
import type { FamilyInfluence } from "./scoreBootstrap.js";

/**
 * Each family's influence on the fixed part (families × fixed, row by row), with the
 * family itself left out of the curvature: t_f = (S − S_f)⁻¹ h_f, where
 * h_f = g_f,fixed − Σ_{v ∈ f} b_v g_f,v / D_v is the family's score with its residuals
 * profiled out, S the fixed part's Schur complement (`rowFit`) and S_f the family's share of
 * it (`addVariantShare`) — the residual block is diagonal, so S = Σ_f S_f exactly, but for
 * the ridge. This is the jackknife's θ̂ − θ̂₍₋f₎ to first order (see `leaveFamilyOut`).
 *
 * Also the fixed part's model-based variances, the diagonal of S⁻¹ (the inverse of the
 * penalised curvature with the residuals profiled out): the floor of the intervals (see
 * `atLeastModelBased`).
 */
export function rowInfluence(problem: RowProblem, fit: RowFit, familyOf: Int32Array, families: number): FamilyInfluence {
  const { fixed } = problem;
  const h = new Float64Array(families * fixed);
  const gu = residualGradient(problem, fit.params, fit.lambda, fit.r);
  const members = Array.from({ length: families }, (): number[] => []);
  for (let v = 0; v < problem.variants; v++) members[familyOf[v]!]!.push(v);
  const part = new Float64Array(fixed * fixed);
  const scratch = new Float64Array(fixed * fixed);
  members.forEach((variants, f) => {
    if (variants.length === 0) return;
    part.fill(0);
    const score = h.subarray(f * fixed, (f + 1) * fixed);
    for (const v of variants) addVariantShare(problem, fit.layout, v, fit.r, fit.w, gu[v]!, fit.d[v]!, part, score);
    if (!leaveFamilyOut(fit.information, fixed, part, h, f * fixed, scratch)) choleskySolve(fit.schur, fixed, h, f * fixed);
  });
  const inverse = choleskyInverse(fit.schur, fixed);
  return { influence: h, modelVariance: Float64Array.from({ length: fixed }, (_, k) => inverse[k * fixed + k]!) };
}
