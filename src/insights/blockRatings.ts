import { observedCells } from "../ratings/resample.js";
import { cholesky, choleskyInverse, choleskySolve } from "./cholesky.js";
import type { IndexedData } from "./indexData.js";

/**
 * Virtual games per contestant against an anchor at strength 0, half won: the duels
 * leaderboard's default weak prior (ratings/types.ts `priorGames`), so a variant that never
 * lost has a finite rating. Against the tens of duels a fork meets, it moves a difference by
 * a few percent at most, towards 0.
 */
const PRIOR_GAMES = 1;
const MAX_STEP = 0.5;
const MAX_NEWTON_STEPS = 100;
const TOLERANCE = 1e-9;

/** The difference of two contestants' strengths (natural-log odds) and its standard error. */
export interface StrengthDifference {
  estimate: number;
  se: number;
}

/** Ratings within one family on one model: strengths and their covariance. */
interface Block {
  local: Map<number, number>;
  beta: Float64Array;
  covariance: Float64Array;
}

/**
 * Bradley–Terry strengths per family and model, from the spec duels among the family's
 * variants on that model — the pairs the arena draws — with the covariance of the
 * strengths from the observed information (the inverse of the curvature at the fit). A
 * child − parent difference on one model then has the standard error
 * √(C_cc + C_pp − 2 C_cp): the covariance term matters, since the two are rated against the
 * same siblings. Wald intervals from observed information are accurate at the tens of
 * duels per variant the arena gives; duels between families and between models add
 * nothing to a same-model comparison of two siblings and are not used.
 *
 * Dense Newton per block: O(k³) for a family of k duelled variants, milliseconds for the
 * tens of variants a family has.
 *
 * @returns child − parent on model m, or undefined when either has no duels in that block.
 */
export function blockRatings(index: IndexedData): (child: number, parent: number, model: number) => StrengthDifference | undefined {
  const n = index.variants.length;
  const cells = observedCells(index.pairs);
  const cellsOf = new Map<number, number[]>();
  for (let k = 0; k < cells.first.length; k++) {
    const [i, j] = [cells.first[k]!, cells.second[k]!];
    const [vi, vj] = [i % n, j % n];
    const m = Math.floor(i / n);
    if (m !== Math.floor(j / n) || vi === vj || index.family[vi] !== index.family[vj]) continue;
    const key = index.family[vi]! * index.models.length + m;
    const list = cellsOf.get(key);
    if (list) list.push(k);
    else cellsOf.set(key, [k]);
  }
  const blocks = new Map<number, Block>();
  for (const [key, list] of cellsOf) {
    const local = new Map<number, number>();
    for (const k of list) for (const c of [cells.first[k]!, cells.second[k]!]) if (!local.has(c)) local.set(c, local.size);
    const pairs = list.map((k) => ({ i: local.get(cells.first[k]!)!, j: local.get(cells.second[k]!)!, games: cells.games[k]!, score: cells.score[k]! }));
    blocks.set(key, fitBlock(local, pairs));
  }
  return (child, parent, model) => {
    const block = blocks.get(index.family[child]! * index.models.length + model);
    const c = block?.local.get(model * n + child);
    const p = block?.local.get(model * n + parent);
    if (!block || c === undefined || p === undefined) return undefined;
    const k = block.beta.length;
    const variance = block.covariance[c * k + c]! + block.covariance[p * k + p]! - 2 * block.covariance[c * k + p]!;
    return { estimate: block.beta[c]! - block.beta[p]!, se: Math.sqrt(Math.max(0, variance)) };
  };
}

interface PairResult {
  i: number;
  j: number;
  games: number;
  score: number;
}

function fitBlock(local: Map<number, number>, pairs: readonly PairResult[]): Block {
  const k = local.size;
  const beta = new Float64Array(k);
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const { gradient, hessian } = curvatureAt(beta, pairs);
    cholesky(hessian, k);
    choleskySolve(hessian, k, gradient);
    const size = gradient.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
    const scale = size > MAX_STEP ? MAX_STEP / size : 1;
    for (let i = 0; i < k; i++) beta[i]! += scale * gradient[i]!;
    if (size < TOLERANCE) break;
  }
  const { hessian } = curvatureAt(beta, pairs);
  cholesky(hessian, k);
  return { local, beta, covariance: choleskyInverse(hessian, k) };
}

/** The log-likelihood's gradient and negative Hessian (with the prior's games), dense. */
function curvatureAt(beta: Float64Array, pairs: readonly PairResult[]): { gradient: Float64Array; hessian: Float64Array } {
  const k = beta.length;
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const p = 1 / (1 + Math.exp(-beta[i]!));
    gradient[i] = PRIOR_GAMES * (0.5 - p);
    hessian[i * k + i] = PRIOR_GAMES * p * (1 - p);
  }
  for (const { i, j, games, score } of pairs) {
    const p = 1 / (1 + Math.exp(beta[j]! - beta[i]!));
    const w = games * p * (1 - p);
    gradient[i]! += score - games * p;
    gradient[j]! -= score - games * p;
    hessian[i * k + i]! += w;
    hessian[j * k + j]! += w;
    hessian[i * k + j]! -= w;
    hessian[j * k + i]! -= w;
  }
  return { gradient, hessian };
}
