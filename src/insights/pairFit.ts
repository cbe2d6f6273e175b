import { createCurvature, evaluateAt, type Curvature } from "../ratings/newtonStep.js";
import { conjugateGradient, diagonalPreconditioner } from "./conjugateGradient.js";
import { FIXED_RIDGE, hessianDiagonal, hessianProduct, pullBack, strengths, type PairProblem } from "./pairOperators.js";
import { spreadSearch, type SpreadBounds } from "./spread.js";

/** Longest move of one contestant's strength per Newton step: as in ratings/fitStrengths.ts, it makes every step an ascent. */
const MAX_STEP = 0.5;
const MAX_NEWTON_STEPS = 100;
/** Stop once no strength moves by more than this (natural-log odds; 1e-7 is 0.00002 Elo points). */
const NEWTON_TOLERANCE = 1e-7;
/** The first fit, before the spread is searched for, stops at this: close enough to update the spread from. */
const SEARCH_TOLERANCE = 1e-3;
/** An inexact Newton step: the next step corrects what a 0.1% residual leaves undone. */
const CG_TOLERANCE = 1e-3;
const CG_MAX_ITERATIONS = 2000;
/** Residual spread between 0.02 and 3 natural-log odds (3 to 520 Elo points); starts at 0.5. */
const SPREAD: SpreadBounds = { initial: 0.5, min: 0.02, max: 3 };

/** The fitted model and its curvature at the fit, which the influence of each family needs. */
export interface PairFit {
  params: Float64Array;
  /** The residuals' penalty, 1 / τ², τ the residual spread in natural-log odds. */
  lambda: number;
  curvature: Curvature;
}

/**
 * Penalised maximum likelihood for the Bradley–Terry model of all variants (see
 * `pairOperators`): the battles' log-likelihood minus λ/2 Σ u_v², i.e. the variants'
 * residuals are normal with spread τ = 1/√λ, while feature and model effects are left
 * unpenalised (but for a negligible ridge), so the residuals shrink and the effects do
 * not. Damped Newton with conjugate-gradient steps; λ is re-estimated after each step by
 * the search of `spread.ts` until it settles, then the fit is finished at that λ.
 */
export function fitPairModel(problem: PairProblem): PairFit {
  const params = coldStart(problem);
  const curvature = createCurvature(problem.contestantVariant.length, problem.cells.games.length);
  const search = spreadSearch(SPREAD);
  let lambda = 1 / SPREAD.initial ** 2;
  for (let round = 0; ; round++) {
    // The first fit from the cold start runs until close; later ones, a step from the last, follow the spread as it moves.
    newton(problem, params, lambda, curvature, SEARCH_TOLERANCE, round === 0 ? MAX_NEWTON_STEPS : 1);
    // Each residual's posterior variance, approximated by the inverse of its curvature.
    const variance = hessianDiagonal(problem, curvature, lambda).subarray(problem.fixed).map((d) => 1 / d);
    const next = search(params.subarray(problem.fixed), variance, lambda);
    if (next === null) break;
    lambda = next;
  }
  newton(problem, params, lambda, curvature, NEWTON_TOLERANCE, MAX_NEWTON_STEPS);
  return { params, lambda, curvature };
}

/**
 * Where the fit starts: effects at 0 and each variant's residual at the log-odds of its
 * contestants' scores, ln((won + ½) / (lost + ½)), centred — most of the way for the
 * strengths, so the first Newton steps are not cut short by the step cap.
 */
function coldStart(problem: PairProblem): Float64Array {
  const { cells, contestantVariant, fixed, variants } = problem;
  const won = new Float64Array(variants);
  const played = new Float64Array(variants);
  for (let k = 0; k < cells.first.length; k++) {
    const [vi, vj] = [contestantVariant[cells.first[k]!]!, contestantVariant[cells.second[k]!]!];
    won[vi]! += cells.score[k]!;
    won[vj]! += cells.games[k]! - cells.score[k]!;
    played[vi]! += cells.games[k]!;
    played[vj]! += cells.games[k]!;
  }
  const odds = Float64Array.from(won, (x, v) => Math.log((x + 0.5) / (played[v]! - x + 0.5)));
  const mean = odds.reduce((s, x) => s + x, 0) / Math.max(1, variants);
  const params = new Float64Array(fixed + variants);
  for (let v = 0; v < variants; v++) params[fixed + v] = odds[v]! - mean;
  return params;
}

/** At most `steps` Newton steps at penalty λ from `params` (updated in place), stopping once one moves no strength by `tolerance`; leaves `curvature` evaluated at the result. */
function newton(problem: PairProblem, params: Float64Array, lambda: number, curvature: Curvature, tolerance: number, steps: number): void {
  const { fixed } = problem;
  const eta = new Float64Array(problem.contestantVariant.length);
  const gradient = new Float64Array(params.length);
  const step = new Float64Array(params.length);
  for (let k = 0; k < steps; k++) {
    strengths(problem, params, eta);
    evaluateAt(eta, problem.cells, 0, curvature);
    pullBack(problem, curvature.gradient, gradient);
    for (let i = 0; i < params.length; i++) gradient[i]! -= (i < fixed ? FIXED_RIDGE : lambda) * params[i]!;
    const inverse = hessianDiagonal(problem, curvature, lambda).map((d) => 1 / d);
    conjugateGradient(hessianProduct(problem, curvature, lambda), diagonalPreconditioner(inverse), gradient, step, CG_TOLERANCE, CG_MAX_ITERATIONS);
    strengths(problem, step, eta);
    // The largest move of a strength, or of an effect (an effect and its carriers' residuals can move in opposite ways).
    let size = 0;
    for (let c = 0; c < eta.length; c++) size = Math.max(size, Math.abs(eta[c]!));
    for (let i = 0; i < fixed; i++) size = Math.max(size, Math.abs(step[i]!));
    const scale = size > MAX_STEP ? MAX_STEP / size : 1;
    for (let i = 0; i < params.length; i++) params[i]! += scale * step[i]!;
    if (size < tolerance) break;
  }
  strengths(problem, params, eta);
  evaluateAt(eta, problem.cells, 0, curvature);
}
