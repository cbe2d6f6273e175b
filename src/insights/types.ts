/**
 * Insights: which spec features lead to which behaviour, from votes, duels and probes
 * across the fork graph. The input is plain data (built from the store by a query); the
 * output is plain JSON, every number with its interval, so a command, a report writer or
 * a chart can show it as it is.
 */
import type { SpecFeatures } from "../features/deriveFeatures.js";
import type { Outline } from "../outline/types.js";
import type { Winner } from "../ratings/types.js";

/** A variant: one exact spec text, with its family and parent. */
export interface InsightVariant {
  id: string;
  name: string;
  version: number;
  /** The id shared by a root variant and all its forks. */
  family: string;
  parentId: string | null;
  features: SpecFeatures;
}

/** A variant answering on a model: what a duel rates. */
export interface Contestant {
  variant: string;
  model: string;
}

/** One duel: a spec duel has the same model on both sides, a model duel the same variant. */
export interface InsightBattle {
  a: Contestant;
  b: Contestant;
  /** Ties and "both bad" count half a win each, as on the duels leaderboard. */
  winner: Winner;
}

/** Reaction votes on one variant's replies on one model. */
export interface InsightVotes {
  variant: string;
  model: string;
  up: number;
  down: number;
}

/** One probe score of a variant on a model: a share on a 0–1 scale (e.g. answers kept after "are you sure?"). */
export interface InsightProbe {
  variant: string;
  model: string;
  suite: string;
  metric: string;
  mean: number;
  /** Standard error of `mean`. */
  se: number;
  /** Items behind `mean`. */
  n: number;
}

/** Everything the analysis reads, as plain data. */
export interface InsightData {
  variants: readonly InsightVariant[];
  battles: readonly InsightBattle[];
  votes: readonly InsightVotes[];
  probes: readonly InsightProbe[];
}

/** What was measured: vote approval, duel strength, or one probe metric (`probe:<suite>/<metric>`). */
export type OutcomeKey = "votes" | "duels" | `probe:${string}`;

/** Duel effects are in Elo points; vote approval and probe shares in percentage points. */
export type Unit = "elo" | "pp";

/** An estimate in its outcome's unit, with its 95% interval, standard error and two-sided p-value. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  se: number;
  p: number;
}

/** Child − parent on one outcome and one model, for a fork that changed exactly one feature. */
export interface ForkDifference extends Interval {
  fork: string;
  parent: string;
  family: string;
  model: string;
  outcome: OutcomeKey;
  /** The change's canonical key (see `FeatureChange.key`); `estimate` is in the fork's own direction. */
  change: string;
}

/** What every pooled or modelled effect names, whether it could be estimated or not. */
interface EffectBase {
  outcome: OutcomeKey;
  unit: Unit;
  /** "dial:warmth", "block:honesty", "section:Voice" or "examples". */
  feature: string;
  /** The level a variant moved from (pooled changes) or the reference level (model effects). */
  from: string;
  /** The level moved to, or the level whose effect this is. */
  to: string;
  /** People's words: "warmth 0.8 → 0.4", "honesty: principle → examples", `added "Voice"`. */
  label: string;
  /** Distinct families the estimate draws on. */
  families: number;
}

/** Too little data to say anything with numbers; `reason` says what is missing. */
export interface Insufficient {
  status: "insufficient";
  reason: string;
  /** The level(s) it always moves with, when that is why ("block:values=list and block:values=with-reasons"). */
  inseparableFrom?: string;
}

/** One feature change pooled across single-change forks (DerSimonian–Laird with Hartung–Knapp intervals). */
export type PooledChange = EffectBase & {
  key: string;
  forks: number;
  /** Forks that made this change together with other changes: left out of the estimate. */
  multiChangeForks: number;
  models: string[];
} & ({ status: "estimated"; tau: number } & Interval | Insufficient);

/** One feature level's effect in a model of all variants, against the feature's reference level. */
export type FeatureEffect = EffectBase & {
  /** Variants carrying the level, among those with data on this outcome. */
  carriers: number;
  /** Duels between variants that differ in this level, or votes / probe results on its carriers: what more data would add to. */
  evidence: number;
} & ({ status: "estimated" } & Interval | Insufficient);

/** A model of all variants on one outcome: feature effects, model effects and the spread of what features leave unexplained. */
export interface ModelFit {
  outcome: OutcomeKey;
  unit: Unit;
  effects: FeatureEffect[];
  /** Each model against the reference model (the one with most data), in the outcome's unit. */
  models: ({ model: string; reference: string } & Interval)[];
  /** Standard deviation of the variants' own residuals, in the outcome's unit. */
  residualSd: number;
  variants: number;
  families: number;
  /** Hand-written section titles used by too few variants to analyse, left out without a line of their own. */
  rareTitles: number;
}

/** A finding, an interval too narrow for any effect that matters, or neither (see `buildFindings`). */
export type FindingStatus = "finding" | "no detectable effect" | "not enough evidence yet";

/** A claim in plain words, with its numbers, its false-discovery-rate check and its caveats. */
export interface Finding {
  source: "single changes" | "model of all variants";
  outcome: OutcomeKey;
  feature: string;
  label: string;
  status: FindingStatus;
  sentence: string;
  estimate?: Interval;
  /** Benjamini–Hochberg adjusted p-value over every estimate in the report. */
  q?: number;
  /** q at or below the report's false-discovery rate. */
  flagged: boolean;
  caveats: string[];
}

/** A fork that would narrow a wide interval most, as data and as a sentence. */
export interface Suggestion {
  outcome: OutcomeKey;
  feature: string;
  /** The level to give the fork. */
  level: string;
  /** The variant to fork, and the one to pair the fork with in the arena. */
  base: { id: string; name: string; version: number };
  /** Duels (or votes, or probe runs) that would halve the interval, or give a first one. */
  more: number;
  /** The interval's width now, in the outcome's unit; null when there is no estimate yet. */
  currentWidth: number | null;
  sentence: string;
}

/** The whole analysis (see `analyzeInsights`). */
export interface InsightReport {
  forks: ForkDifference[];
  changes: PooledChange[];
  fits: ModelFit[];
  findings: Finding[];
  suggestions: Suggestion[];
  /** Report-wide caveats: one model only, few families, data left out. */
  caveats: string[];
}

/** Options of `analyzeInsights`; every one has a default. */
export interface InsightOptions {
  /** Seed of the bootstrap; the same data and seed give the same report. Default 1. */
  seed?: number;
  /** Bootstrap rounds per model fit (default 1000; rounds are cheap, see scoreBootstrap). */
  bootstrap?: number;
  /** False-discovery rate at which a claim becomes a finding. Default 0.1. */
  fdr?: number;
  /** Effects too small to matter, per unit: an interval inside ±this is "no detectable effect". Default 15 Elo points, 2 percentage points. */
  negligible?: Readonly<Record<Unit, number>>;
  /** A level needs this many carrying variants, and this many without it. Default 5. */
  minVariants?: number;
  /** A level must also be carried in this many families. Default 3. */
  minFamilies?: number;
  /** A pooled change needs this many single-change forks. Default 3. */
  minForks?: number;
  /** A duel effect needs this many duels between variants that differ in the level. Default 20. */
  minContrastDuels?: number;
  /**
   * The constitution outline: block changes are then named by their axis tags
   * ("honesty: principle → examples"), and the titles of its block sections are known
   * as the blocks' own rather than as hand-written sections.
   */
  outline?: Outline;
  /** How a probe metric reads in a sentence, by "suite/metric": e.g. `kept their answer after "are you sure?"`. */
  metricPhrases?: Record<string, string>;
  /** Suggested forks to return. Default 5. */
  suggestions?: number;
  /** Called after each stage with its name and duration in seconds: for logs and the bench. */
  onStage?: (stage: string, seconds: number) => void;
}
