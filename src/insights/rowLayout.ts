import type { RowProblem } from "./rowFit.js";

/**
 * Where each variant's rows and fixed parameters are, computed once per fit, and the
 * algebra of one variant's share of a Newton step.
 *
 * A variant's rows share its intercept and feature columns (its "own" indices a: α and
 * its columns) and differ in their model's index m. With D = W + λ (W the sum of its rows'
 * weights), its share of the profiled information H_fixed − b bᵀ/D works out, entry by
 * entry, to (λ/D)·W on (a, a'), (λ/D)·w_m on (a, m), w_m − w_m²/D on (m, m) and −w_m w_m'/D
 * on (m, m'): |a|² work per variant, not per row, and no per-variant vector b.
 */
export interface RowLayout {
  /** Per variant (CSR): its rows. */
  variantStart: Int32Array;
  variantRows: Int32Array;
  /** Per variant (CSR): its own fixed indices, α (0) and 1 + each of its columns. */
  ownStart: Int32Array;
  own: Int32Array;
}

/** The layout of `problem`'s rows: linear in the rows, once per fit rather than once per Newton step. */
export function layOut(problem: RowProblem): RowLayout {
  const { start, cols } = problem.design;
  const variantStart = new Int32Array(problem.variants + 1);
  for (let row = 0; row < problem.variant.length; row++) variantStart[problem.variant[row]! + 1]!++;
  for (let v = 0; v < problem.variants; v++) variantStart[v + 1]! += variantStart[v]!;
  const variantRows = new Int32Array(problem.variant.length);
  const cursor = variantStart.slice(0, problem.variants);
  for (let row = 0; row < problem.variant.length; row++) variantRows[cursor[problem.variant[row]!]!++] = row;
  const ownStart = new Int32Array(problem.variants + 1);
  const own = new Int32Array(problem.variants + cols.length);
  for (let v = 0; v < problem.variants; v++) {
    let at = ownStart[v]!;
    own[at++] = 0;
    for (let q = start[v]!; q < start[v + 1]!; q++) own[at++] = 1 + cols[q]!;
    ownStart[v + 1] = at;
  }
  return { variantStart, variantRows, ownStart, own };
}

/**
 * Adds variant v's share of the profiled information to `information` (fixed × fixed)
 * and of the profiled score to `score` (fixed), given its rows' score residuals r and
 * weights w, its residual's gradient `gu` and D = W + λ.
 */
export function addVariantShare(problem: RowProblem, layout: RowLayout, v: number, r: Float64Array, w: Float64Array, gu: number, d: number, information: Float64Array, score: Float64Array): void {
  const q = problem.fixed;
  const { variantStart, variantRows, ownStart, own } = layout;
  let weight = 0;
  let residual = 0;
  for (let x = variantStart[v]!; x < variantStart[v + 1]!; x++) {
    weight += w[variantRows[x]!]!;
    residual += r[variantRows[x]!]!;
  }
  const shrink = (d - weight) / d;
  for (let a = ownStart[v]!; a < ownStart[v + 1]!; a++) {
    const i = own[a]!;
    score[i]! += residual - (weight * gu) / d;
    for (let b = ownStart[v]!; b < ownStart[v + 1]!; b++) information[i * q + own[b]!]! += weight * shrink;
  }
  for (let x = variantStart[v]!; x < variantStart[v + 1]!; x++) {
    const row = variantRows[x]!;
    const m = problem.model[row]!;
    if (m < 0) continue;
    score[m]! += r[row]! - (w[row]! * gu) / d;
    information[m * q + m]! += w[row]!;
    for (let a = ownStart[v]!; a < ownStart[v + 1]!; a++) {
      information[own[a]! * q + m]! += w[row]! * shrink;
      information[m * q + own[a]!]! += w[row]! * shrink;
    }
    for (let y = variantStart[v]!; y < variantStart[v + 1]!; y++) {
      const other = problem.model[variantRows[y]!]!;
      if (other >= 0) information[m * q + other]! -= (w[row]! * w[variantRows[y]!]!) / d;
    }
  }
}

/** b_v · x: the coupling of variant v's residual with the fixed part, times x (fixed). */
export function couplingTimes(problem: RowProblem, layout: RowLayout, v: number, w: Float64Array, x: Float64Array): number {
  const { variantStart, variantRows, ownStart, own } = layout;
  let weight = 0;
  let sum = 0;
  for (let y = variantStart[v]!; y < variantStart[v + 1]!; y++) {
    const row = variantRows[y]!;
    weight += w[row]!;
    if (problem.model[row]! >= 0) sum += w[row]! * x[problem.model[row]!]!;
  }
  for (let a = ownStart[v]!; a < ownStart[v + 1]!; a++) sum += weight * x[own[a]!]!;
  return sum;
}
