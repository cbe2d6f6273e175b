import type { Cells } from "../ratings/cells.js";
import type { Curvature } from "../ratings/newtonStep.js";
import { forEachDifference, type Design } from "./designMatrix.js";

/**
 * The Bradley–Terry model of all variants as linear maps. A contestant c (variant v on
 * model m) has strength η_c = Σ_k x_vk θ_k + μ_m + u_v: feature effects θ, model effects μ
 * (the reference model's fixed at 0: only differences are measured), and the variant's
 * own residual u. The parameters sit in one vector: θ (p), μ (models − 1), then u (one per
 * variant). J maps parameters to strengths; the likelihood's curvature in strengths is
 * the weighted graph Laplacian of the battles (`evaluateAt` in ratings/newtonStep.ts), so
 * the curvature in parameters is Jᵀ L J plus the penalty, applied without forming it.
 */
export interface PairProblem {
  design: Design;
  variants: number;
  /** Per contestant: its variant, and its model's parameter index (−1 for the reference model). */
  contestantVariant: Int32Array;
  contestantModel: Int32Array;
  cells: Cells;
  /** Per cell (CSR): the columns one of its two variants has and the other lacks (`cellDifferences`). */
  differences: { start: Int32Array; cols: Int32Array };
  /** θ and μ: the parameters that are not residuals. */
  fixed: number;
}

/**
 * A weak ridge on θ and μ (prior sd 100 natural-log odds): nothing next to the information
 * of a few duels, it keeps the system positive definite along directions no duel informs.
 */
export const FIXED_RIDGE = 1e-4;

/** η = J · params. */
export function strengths(problem: PairProblem, params: Float64Array, out: Float64Array): void {
  const { design, variants, contestantVariant, contestantModel, fixed } = problem;
  const perVariant = new Float64Array(variants);
  for (let v = 0; v < variants; v++) {
    let s = params[fixed + v]!;
    for (let q = design.start[v]!; q < design.start[v + 1]!; q++) s += params[design.cols[q]!]!;
    perVariant[v] = s;
  }
  for (let c = 0; c < out.length; c++) {
    const m = contestantModel[c]!;
    out[c] = perVariant[contestantVariant[c]!]! + (m >= 0 ? params[m]! : 0);
  }
}

/** out = Jᵀ · r, for r a vector over contestants. */
export function pullBack(problem: PairProblem, r: Float64Array, out: Float64Array): void {
  const { design, variants, contestantVariant, contestantModel, fixed } = problem;
  out.fill(0);
  for (let c = 0; c < r.length; c++) {
    out[fixed + contestantVariant[c]!]! += r[c]!;
    const m = contestantModel[c]!;
    if (m >= 0) out[m]! += r[c]!;
  }
  for (let v = 0; v < variants; v++) {
    const rv = out[fixed + v]!;
    for (let q = design.start[v]!; q < design.start[v + 1]!; q++) out[design.cols[q]!]! += rv;
  }
}

/** The penalised negative Hessian as a product: out = (Jᵀ L J + penalty) · v. */
export function hessianProduct(problem: PairProblem, curvature: Curvature, lambda: number): (v: Float64Array, out: Float64Array) => void {
  const { cells, fixed } = problem;
  const { first, second } = cells;
  const { diagonal, weight } = curvature;
  const inStrengths = new Float64Array(diagonal.length);
  const laplacian = new Float64Array(diagonal.length);
  return (v, out) => {
    strengths(problem, v, inStrengths);
    for (let c = 0; c < laplacian.length; c++) laplacian[c] = diagonal[c]! * inStrengths[c]!;
    for (let k = 0; k < weight.length; k++) {
      const w = weight[k]!;
      const i = first[k]!;
      const j = second[k]!;
      laplacian[i]! -= w * inStrengths[j]!;
      laplacian[j]! -= w * inStrengths[i]!;
    }
    pullBack(problem, laplacian, out);
    for (let k = 0; k < fixed; k++) out[k]! += FIXED_RIDGE * v[k]!;
    for (let k = fixed; k < out.length; k++) out[k]! += lambda * v[k]!;
  };
}

/**
 * Per cell, the columns on which its two contestants' variants differ, listed once: they
 * do not change between Newton steps, while the cells' weights do.
 */
export function cellDifferences(design: Design, cells: Cells, contestantVariant: Int32Array): { start: Int32Array; cols: Int32Array } {
  const start = new Int32Array(cells.first.length + 1);
  let cols = new Int32Array(4 * cells.first.length);
  let at = 0;
  const collect = (col: number) => {
    if (at === cols.length) {
      const grown = new Int32Array(2 * cols.length);
      grown.set(cols);
      cols = grown;
    }
    cols[at++] = col;
  };
  for (let k = 0; k < cells.first.length; k++) {
    forEachDifference(design, contestantVariant[cells.first[k]!]!, contestantVariant[cells.second[k]!]!, collect);
    start[k + 1] = at;
  }
  return { start, cols: cols.slice(0, at) };
}

/**
 * The diagonal of the penalised negative Hessian, exactly: a battle between contestants
 * i and j adds its weight to each parameter on which they differ (the features one
 * variant has and the other lacks, their models, their residuals). Its inverse is the
 * conjugate gradients' preconditioner; its residual entries also serve the spread update.
 */
export function hessianDiagonal(problem: PairProblem, curvature: Curvature, lambda: number): Float64Array {
  const { contestantVariant, contestantModel, fixed } = problem;
  const { first, second } = problem.cells;
  const { start, cols } = problem.differences;
  const { weight } = curvature;
  const out = new Float64Array(fixed + problem.variants);
  for (let k = 0; k < first.length; k++) {
    const w = weight[k]!;
    const i = first[k]!;
    const j = second[k]!;
    const mi = contestantModel[i]!;
    const mj = contestantModel[j]!;
    if (mi !== mj) {
      if (mi >= 0) out[mi]! += w;
      if (mj >= 0) out[mj]! += w;
    }
    const vi = contestantVariant[i]!;
    const vj = contestantVariant[j]!;
    if (vi === vj) continue;
    out[fixed + vi]! += w;
    out[fixed + vj]! += w;
    for (let q = start[k]!; q < start[k + 1]!; q++) out[cols[q]!]! += w;
  }
  for (let k = 0; k < fixed; k++) out[k]! += FIXED_RIDGE;
  for (let k = fixed; k < out.length; k++) out[k]! += lambda;
  return out;
}
