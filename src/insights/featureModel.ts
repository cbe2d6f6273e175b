/**
 * Item 2 of Insights: a model of all variants per outcome, in which what a variant does is
 * the sum of its features' effects, its model's effect and its own residual.
 *
 * - Duels: Bradley–Terry on every battle (the duels leaderboard's), strength =
 *   Σ feature effects + model effect + residual (`pairFit`). Effects in Elo points.
 * - Vote approval: logistic on each (variant, model)'s up and down votes (`rowFit`),
 *   effects shown in percentage points at the community's overall approval.
 * - Each probe metric: linear on the results' shares weighted by their items, in percentage points.
 *
 * Features are coded as indicators of their levels against each feature's most common
 * level (`featureLevels`, `designMatrix`). Residuals are penalised (random effects with a
 * spread estimated from the data, `spread.ts`); effects are not, so they are not shrunk.
 * A level carried by fewer than `minVariants` variants with data (or lacking in fewer), in
 * fewer than `minFamilies` families, never duelled against its absence `minContrastDuels`
 * times, or inseparable from other levels is reported as insufficient with its reason.
 *
 * Intervals: 95% percentile intervals of a family bootstrap (`scoreBootstrap`), the
 * families — a root and its forks — being the independent units, never narrower than the
 * model-based ones, estimate ± 1.96 standard errors from the inverse of the penalised
 * curvature (`atLeastModelBased`): with few families, or families that happen to agree,
 * the bootstrap cannot see the sampling noise within each family, the model can. Both are
 * on the fit's own scale (log-odds, share) and mapped to report units like the estimate.
 */
import { ELO_PER_NAT } from "../ratings/eloScale.js";
import type { Outline } from "../outline/types.js";
import type { DuelRules } from "./outcomeProblems.js";
import { duelProblem, rowProblem, type OutcomeRows } from "./outcomeProblems.js";
import { describeFit, type Scale } from "./describeFit.js";
import type { Levels } from "./featureLevels.js";
import type { IndexedData } from "./indexData.js";
import { fitPairModel } from "./pairFit.js";
import { pairInfluence } from "./pairInfluence.js";
import { fitRowModel, type RowProblem } from "./rowFit.js";
import { rowInfluence } from "./rowInfluence.js";
import { atLeastModelBased, scoreBootstrap } from "./scoreBootstrap.js";
import type { ModelFit } from "./types.js";

/** What the models of all variants need: the design rules, the bootstrap, labels. */
export interface ModelSettings extends DuelRules {
  bootstrap: number;
  seed: number;
  outline?: Outline;
  /** Section titles left out as too rare (see `communityVocabulary`): counted in each fit. */
  rareTitles: number;
  /** Called after each outcome's fit with its duration in seconds. */
  onFit?: (outcome: string, seconds: number) => void;
}

/** Item 2: one fit per outcome with data — duels, votes, then each probe metric in name order. */
export function fitFeatureModels(index: IndexedData, levels: readonly Levels[], settings: ModelSettings): ModelFit[] {
  const fits: ModelFit[] = [];
  const timed = (run: () => ModelFit) => {
    const start = performance.now();
    const fit = run();
    settings.onFit?.(fit.outcome, (performance.now() - start) / 1000);
    fits.push(fit);
  };
  if (index.pairs.first.length > 0) timed(() => fitDuels(index, levels, settings));
  const { votes } = index;
  if (votes.variant.length > 0) {
    const rows = { variant: votes.variant, model: votes.model, y: votes.up, n: votes.up.map((up, r) => up + votes.down[r]!) };
    timed(() => fitRows(index, levels, settings, "votes", rows, "binomial"));
  }
  for (const [key, probe] of index.probes) {
    const rows = { variant: probe.variant, model: probe.model, y: probe.mean, n: itemWeights(probe.se, probe.n) };
    timed(() => fitRows(index, levels, settings, `probe:${key}`, rows, "normal"));
  }
  return fits;
}

function fitDuels(index: IndexedData, levels: readonly Levels[], settings: ModelSettings): ModelFit {
  const { problem, coverage } = duelProblem(index, levels, settings);
  const fit = fitPairModel(problem);
  const families = index.familyNames.length;
  const { influence, modelVariance } = pairInfluence(problem, fit, coverage.family, families);
  const point = fit.params.slice(0, problem.fixed);
  const bootstrap = atLeastModelBased(scoreBootstrap(point, influence, families, settings.bootstrap, settings.seed), point, modelVariance);
  const scale: Scale = { unit: "elo", effect: (x) => x * ELO_PER_NAT, slope: ELO_PER_NAT };
  const result = { outcome: "duels" as const, design: problem.design, coverage, point, bootstrap, featureOffset: 0, modelOffset: problem.design.columns.length };
  return describeFit({ ...result, lambda: fit.lambda, rareTitles: settings.rareTitles }, scale, index.models, settings.outline);
}

function fitRows(index: IndexedData, levels: readonly Levels[], settings: ModelSettings, outcome: "votes" | `probe:${string}`, rows: OutcomeRows, kind: RowProblem["kind"]): ModelFit {
  const { problem, coverage } = rowProblem(index, rows, kind, levels, settings);
  const fit = fitRowModel(problem);
  const families = index.familyNames.length;
  const { influence, modelVariance } = rowInfluence(problem, fit, coverage.family, families);
  const point = fit.params.slice(0, problem.fixed);
  const bootstrap = atLeastModelBased(scoreBootstrap(point, influence, families, settings.bootstrap, settings.seed), point, modelVariance);
  const result = { outcome, design: problem.design, coverage, point, bootstrap, featureOffset: 1, modelOffset: 1 + problem.design.columns.length };
  return describeFit({ ...result, lambda: fit.lambda, rareTitles: settings.rareTitles }, kind === "binomial" ? approvalScale(rows) : SHARE_SCALE, index.models, settings.outline);
}

/**
 * Weights of probe results: n / s², the items behind each over the metric's per-item
 * variance pooled across all results (mean of se² · n), rather than each result's own
 * 1/se². A share's own se shrinks as it nears 0 or 1, so its own weight would depend on
 * its outcome and bias the fit (measured: 2 points on a 12-point effect, coverage 60%).
 */
function itemWeights(se: Float64Array, n: Float64Array): Float64Array {
  let pooled = 0;
  se.forEach((s, r) => (pooled += s * s * n[r]!));
  pooled /= Math.max(1, se.length);
  // All results at 0 or 1 leave no variance to pool: take a share's largest, 1/4.
  const perItem = pooled > 0 ? pooled : 0.25;
  return n.map((items) => items / perItem);
}

const SHARE_SCALE: Scale = { unit: "pp", effect: (x) => 100 * x, slope: 100 };

/**
 * Log-odds effects as percentage points of approval at the community's overall approval
 * p̄: 100 (σ(logit p̄ + x) − p̄). Monotone, so the interval's ends map to its ends.
 */
function approvalScale(rows: OutcomeRows): Scale {
  const up = rows.y.reduce((s, x) => s + x, 0);
  const all = rows.n.reduce((s, x) => s + x, 0);
  const share = Math.min(0.99, Math.max(0.01, up / all));
  const logit = Math.log(share / (1 - share));
  return { unit: "pp", effect: (x) => 100 * (1 / (1 + Math.exp(-(logit + x))) - share), slope: 100 * share * (1 - share) };
}
