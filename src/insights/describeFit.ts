import type { Outline } from "../outline/types.js";
import type { Design } from "./designMatrix.js";
import { changeLabel } from "./featureChanges.js";
import type { Coverage } from "./outcomeProblems.js";
import { twoSidedP } from "./pValue.js";
import type { BootstrapIntervals } from "./scoreBootstrap.js";
import type { FeatureEffect, Interval, ModelFit, OutcomeKey, Unit } from "./types.js";

/** How a fit's natural scale (log-odds, or a share) maps to the report's unit. */
export interface Scale {
  unit: Unit;
  /** The effect x in report units: monotone, 0 at 0, so interval ends map to interval ends. */
  effect: (x: number) => number;
  /** Its slope at 0, for standard errors and the residual spread. */
  slope: number;
}

/** What a fit produced, in its own parameters. */
export interface FitResult {
  outcome: OutcomeKey;
  design: Design;
  coverage: Coverage;
  /** The fixed parameters, their intervals (the bootstrap's, at least the model-based), and where the feature columns and the models start among them. */
  point: Float64Array;
  bootstrap: BootstrapIntervals;
  featureOffset: number;
  modelOffset: number;
  lambda: number;
  rareTitles: number;
}

/**
 * A fit as the report shows it: every level of every feature, estimated or with the
 * reason it is not, and the models against the reference model, in report units.
 * p-values are from the standard error (the larger of the bootstrap's and the model-based,
 * see `atLeastModelBased`) against a normal distribution.
 */
export function describeFit(fit: FitResult, scale: Scale, models: readonly string[], outline: Outline | undefined): ModelFit {
  const { design, coverage, outcome } = fit;
  const interval = (k: number): Interval => ({
    estimate: scale.effect(fit.point[k]!),
    lower: scale.effect(fit.bootstrap.lower[k]!),
    upper: scale.effect(fit.bootstrap.upper[k]!),
    se: scale.slope * fit.bootstrap.se[k]!,
    p: twoSidedP(fit.point[k]!, fit.bootstrap.se[k]!),
  });
  const base = (c: { feature: string; level: string; reference: string; carriers: number; families: number }) => ({
    outcome,
    unit: scale.unit,
    feature: c.feature,
    from: c.reference,
    to: c.level,
    label: changeLabel(c.feature, c.reference, c.level, outline),
    families: c.families,
    carriers: c.carriers,
    evidence: coverage.evidence.get(`${c.feature}=${c.level}`) ?? 0,
  });
  const effects: FeatureEffect[] = [
    ...design.columns.map((c, k): FeatureEffect => ({ ...base(c), status: "estimated", ...interval(fit.featureOffset + k) })),
    ...design.excluded.map((c): FeatureEffect => ({ ...base(c), status: "insufficient", reason: c.reason, ...(c.inseparableFrom ? { inseparableFrom: c.inseparableFrom } : {}) })),
  ].sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return {
    outcome,
    unit: scale.unit,
    effects,
    models: coverage.models.map((m, k) => ({ model: models[m]!, reference: models[coverage.reference]!, ...interval(fit.modelOffset + k) })),
    residualSd: scale.slope / Math.sqrt(fit.lambda),
    variants: coverage.variants.length,
    families: new Set(coverage.family).size,
    rareTitles: fit.rareTitles,
  };
}
