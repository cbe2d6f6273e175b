import { cholesky, choleskyInverse, choleskySolve } from "./cholesky.js";
import type { Design } from "./designMatrix.js";
import { addVariantShare, couplingTimes, layOut, type RowLayout } from "./rowLayout.js";
import { spreadSearch, type SpreadBounds } from "./spread.js";

/**
 * The model of all variants for outcomes measured row by row: vote approval (binomial,
 * logit link, one row per variant and model with its up and down votes) and probe scores
 * (normal, identity link, each row weighted as given). A row's linear predictor is
 * α + Σ_k x_vk θ_k + μ_m + u_v; parameters α, θ (p), μ (models − 1) — the fixed part —
 * then u, one residual per variant, penalised by λ/2 Σ u² as in `pairFit`.
 *
 * Each residual touches only its own variant's rows, so the curvature's residual block is
 * diagonal (D) and a Newton step is exact through the Schur complement
 * S = H_fixed − Σ_v b_v b_vᵀ / D_v (b_v: the coupling of u_v with the fixed part), a dense
 * system the size of the fixed part, summed variant by variant (`addVariantShare`).
 */
export interface RowProblem {
  kind: "binomial" | "normal";
  design: Design;
  variants: number;
  /** Per row: its variant and its model's parameter index (−1 for the reference model). */
  variant: Int32Array;
  model: Int32Array;
  /** Binomial: successes and trials. Normal: the value and its weight (1 / its variance). */
  y: Float64Array;
  n: Float64Array;
  /** 1 + p + models − 1. */
  fixed: number;
}

/** The fitted row model and its curvature at the fit, which the influence of each family needs. */
export interface RowFit {
  layout: RowLayout;
  params: Float64Array;
  lambda: number;
  /** Per row at the fit: score residual r and weight w (see `evaluate`). */
  r: Float64Array;
  w: Float64Array;
  /** The Schur complement S at the fit, and its Cholesky factor; D per variant. */
  information: Float64Array;
  schur: Float64Array;
  d: Float64Array;
}

const MAX_STEP = 0.5;
const MAX_NEWTON_STEPS = 100;
/** Stop once no linear predictor moves by more than this: 1e-7 in log-odds or in a share is far below any interval. */
const NEWTON_TOLERANCE = 1e-7;
/** The first fit, before the spread is searched for, stops at this: close enough to update the spread from. */
const SEARCH_TOLERANCE = 1e-3;
/** As `pairOperators.FIXED_RIDGE`: a prior sd of 100 on θ and μ, not on α. */
const FIXED_RIDGE = 1e-4;
const SPREAD: Readonly<Record<RowProblem["kind"], SpreadBounds>> = {
  binomial: { initial: 0.5, min: 0.02, max: 3 },
  normal: { initial: 0.1, min: 0.002, max: 1 },
};

/** Penalised maximum likelihood with the residual spread re-estimated after each Newton step until it settles (see `spread.ts`), then the fit finished at that spread. */
export function fitRowModel(problem: RowProblem): RowFit {
  const layout = layOut(problem);
  const params = new Float64Array(problem.fixed + problem.variants);
  params[0] = overallLevel(problem);
  const search = spreadSearch(SPREAD[problem.kind]);
  let lambda = 1 / SPREAD[problem.kind].initial ** 2;
  for (let round = 0; ; round++) {
    // The first fit runs until close; later ones, a step from the last, follow the spread as it moves.
    const fit = newton(problem, layout, params, lambda, SEARCH_TOLERANCE, round === 0 ? MAX_NEWTON_STEPS : 1);
    const next = search(params.subarray(problem.fixed), posteriorVariances(problem, fit), lambda);
    if (next === null) return newton(problem, layout, params, lambda, NEWTON_TOLERANCE, MAX_NEWTON_STEPS);
    lambda = next;
  }
}

/** Where α starts: the logit of the overall share of successes, or the weighted mean; it saves the first capped steps. */
function overallLevel({ kind, y, n }: RowProblem): number {
  let top = 0;
  let bottom = 0;
  for (let row = 0; row < y.length; row++) {
    top += kind === "binomial" ? y[row]! : n[row]! * y[row]!;
    bottom += n[row]!;
  }
  if (kind === "normal") return bottom > 0 ? top / bottom : 0;
  const share = (top + 0.5) / (bottom + 1);
  return Math.log(share / (1 - share));
}

/** At most `steps` Newton steps at penalty λ from `params` (updated in place), stopping once one moves no linear predictor by `tolerance`. */
function newton(problem: RowProblem, layout: RowLayout, params: Float64Array, lambda: number, tolerance: number, steps: number): RowFit {
  const { fixed, variants } = problem;
  const r = new Float64Array(problem.y.length);
  const w = new Float64Array(problem.y.length);
  const du = new Float64Array(variants);
  for (let step = 0; ; step++) {
    evaluate(problem, layout, params, r, w);
    const gradient = new Float64Array(fixed);
    const schur = new Float64Array(fixed * fixed);
    const d = new Float64Array(variants).fill(lambda);
    for (let row = 0; row < r.length; row++) d[problem.variant[row]!]! += w[row]!;
    const gu = residualGradient(problem, params, lambda, r);
    for (let v = 0; v < variants; v++) addVariantShare(problem, layout, v, r, w, gu[v]!, d[v]!, schur, gradient);
    for (let i = 1; i < fixed; i++) {
      gradient[i]! -= FIXED_RIDGE * params[i]!;
      schur[i * fixed + i]! += FIXED_RIDGE;
    }
    const information = Float64Array.from(schur);
    if (!cholesky(schur, fixed)) throw new RangeError("the model of all variants is singular: some effect has no data");
    const fit: RowFit = { layout, params, lambda, r, w, information, schur, d };
    choleskySolve(schur, fixed, gradient);
    for (let v = 0; v < variants; v++) du[v] = (gu[v]! - couplingTimes(problem, layout, v, w, gradient)) / d[v]!;
    const size = largestMove(problem, layout, gradient, du);
    const scale = problem.kind === "binomial" && size > MAX_STEP ? MAX_STEP / size : 1;
    for (let i = 0; i < fixed; i++) params[i]! += scale * gradient[i]!;
    for (let v = 0; v < variants; v++) params[fixed + v]! += scale * du[v]!;
    if (size < tolerance || step + 1 >= steps) {
      // The residuals and weights at the result; the curvature is the last step's, within `tolerance` of it.
      evaluate(problem, layout, params, r, w);
      return fit;
    }
  }
}

/** The gradient along each residual: its rows' score residuals minus the penalty. */
export function residualGradient(problem: RowProblem, params: Float64Array, lambda: number, r: Float64Array): Float64Array {
  const gu = new Float64Array(problem.variants);
  for (let row = 0; row < r.length; row++) gu[problem.variant[row]!]! += r[row]!;
  for (let v = 0; v < problem.variants; v++) gu[v]! -= lambda * params[problem.fixed + v]!;
  return gu;
}

/** Score residual and weight per row: binomial r = y − n·p, w = n·p(1 − p); normal r = n(y − η), w = n. */
function evaluate(problem: RowProblem, layout: RowLayout, params: Float64Array, r: Float64Array, w: Float64Array): void {
  const eta = linearPredictors(problem, layout, params);
  for (let row = 0; row < r.length; row++) {
    if (problem.kind === "normal") {
      r[row] = problem.n[row]! * (problem.y[row]! - eta[row]!);
      w[row] = problem.n[row]!;
    } else {
      const p = 1 / (1 + Math.exp(-eta[row]!));
      r[row] = problem.y[row]! - problem.n[row]! * p;
      w[row] = problem.n[row]! * p * (1 - p);
    }
  }
}

/** Each row's α + Σ θ over its variant's columns + μ of its model + u of its variant, for parameters (or a step) `params`. */
function linearPredictors(problem: RowProblem, layout: RowLayout, params: Float64Array): Float64Array {
  const { ownStart, own } = layout;
  const perVariant = new Float64Array(problem.variants);
  for (let v = 0; v < problem.variants; v++) {
    let sum = params[problem.fixed + v]!;
    for (let a = ownStart[v]!; a < ownStart[v + 1]!; a++) sum += params[own[a]!]!;
    perVariant[v] = sum;
  }
  const eta = new Float64Array(problem.variant.length);
  for (let row = 0; row < eta.length; row++) eta[row] = perVariant[problem.variant[row]!]! + (problem.model[row]! >= 0 ? params[problem.model[row]!]! : 0);
  return eta;
}

/** Var(u_v | data) = (H⁻¹)_vv = 1/D_v + b_vᵀ S⁻¹ b_v / D_v², b_v being W_v on the variant's own indices and w on each row's model. */
function posteriorVariances(problem: RowProblem, fit: RowFit): Float64Array {
  const q = problem.fixed;
  const inverse = choleskyInverse(fit.schur, q);
  const column = new Float64Array(q);
  const variance = new Float64Array(problem.variants);
  for (let v = 0; v < problem.variants; v++) {
    // S⁻¹ b_v is the sum of S⁻¹'s columns weighted by b_v; then b_v · (S⁻¹ b_v).
    column.fill(0);
    const { variantStart, variantRows, ownStart, own } = fit.layout;
    let weight = 0;
    for (let y = variantStart[v]!; y < variantStart[v + 1]!; y++) {
      const row = variantRows[y]!;
      weight += fit.w[row]!;
      const m = problem.model[row]!;
      if (m >= 0) for (let i = 0; i < q; i++) column[i]! += fit.w[row]! * inverse[m * q + i]!;
    }
    for (let a = ownStart[v]!; a < ownStart[v + 1]!; a++) for (let i = 0; i < q; i++) column[i]! += weight * inverse[own[a]! * q + i]!;
    variance[v] = 1 / fit.d[v]! + couplingTimes(problem, fit.layout, v, fit.w, column) / fit.d[v]! ** 2;
  }
  return variance;
}

/** The largest change of a row's linear predictor, or of a fixed parameter. */
function largestMove(problem: RowProblem, layout: RowLayout, fixedStep: Float64Array, du: Float64Array): number {
  const step = new Float64Array(problem.fixed + problem.variants);
  step.set(fixedStep);
  step.set(du, problem.fixed);
  let size = 0;
  for (let i = 0; i < problem.fixed; i++) size = Math.max(size, Math.abs(fixedStep[i]!));
  for (const move of linearPredictors(problem, layout, step)) size = Math.max(size, Math.abs(move));
  return size;
}
