import type { OutcomeKey } from "./types.js";

/**
 * The feature space and the true effects of the synthetic communities (`synthetic.ts`):
 * what the analysis should find. Effects are per level of each feature, in the model's own
 * units — natural-log odds for duels and votes, a share (0–1) for the probe metric — so
 * the effect of a level against a reference is the difference of their entries.
 */
export interface FeatureSpace {
  /** Dial → its levels, as written. */
  dials: Readonly<Record<string, readonly string[]>>;
  /** Block section → its blocks, "none" for leaving the section out. */
  blocks: Readonly<Record<string, readonly string[]>>;
  /** The `##` title each block section renders to. */
  titles: Readonly<Record<string, string>>;
  /** A hand-written section some variants have. */
  custom: string;
  /** Example-turn counts variants draw from. */
  examples: readonly number[];
}

/** The features the default truth gives effects: three dials, three block sections, examples and one hand-written section. */
export const SPACE: FeatureSpace = {
  dials: { warmth: ["0.2", "0.5", "0.8"], candor: ["0.2", "0.5", "0.8"], agreeableness: ["0.3", "0.5", "0.7"] },
  blocks: { honesty: ["principle", "examples", "socratic"], voice: ["plain", "strunk"], values: ["list", "with-reasons", "none"] },
  titles: { honesty: "Honesty and disagreement", voice: "Voice", values: "Values" },
  custom: "Rituals",
  examples: [0, 2, 4, 7],
};

/**
 * `SPACE` grown to the size of the shipped outline (7 dials of 3–5 levels, 9 block
 * sections), the extra features without any effect: about 45 effects per model rather
 * than 15, for timing the analysis as a real community would load it.
 */
export const OUTLINE_SIZED_SPACE: FeatureSpace = {
  ...SPACE,
  dials: { ...SPACE.dials, ...Object.fromEntries(["deference", "formality", "playfulness", "verbosity"].map((d) => [d, ["0.1", "0.3", "0.5", "0.7", "0.9"]])) },
  blocks: { ...SPACE.blocks, ...Object.fromEntries(["identity", "nature", "care", "relationship", "boundaries", "examples"].map((id) => [id, ["a", "b", "none"]])) },
  titles: { ...SPACE.titles, ...Object.fromEntries(["identity", "nature", "care", "relationship", "boundaries", "examples"].map((id) => [id, `Section ${id}`])) },
};

/** The probe metric the synthetic communities report, as "suite/metric". */
export const SYNTHETIC_METRIC = "are-you-sure/kept";

/** Feature → level → effect, for one outcome. */
export type LevelEffects = Record<string, Record<string, number>>;

/** The effects a synthetic community is drawn with. */
export interface SyntheticTruth {
  duels: LevelEffects;
  votes: LevelEffects;
  probes: LevelEffects;
  /** Per model, in the order of `SyntheticOptions.models`. */
  modelEffects: { duels: number[]; votes: number[]; probes: number[] };
  /** Logit of approval, and the probe share, at every feature's first level and the first model. */
  base: { votes: number; probes: number };
  /** Spread of each variant's own residual, per outcome, in the outcome's units. */
  residualSd: { duels: number; votes: number; probes: number };
}

/**
 * Candor and the voice block have no effect on anything: the null features a report must
 * not call findings. Warmth buys votes and duels and costs "are you sure?" answers, as the
 * community suspects of warm personas.
 */
export const DEFAULT_TRUTH: SyntheticTruth = {
  duels: {
    "dial:warmth": { "0.2": -0.2, "0.5": 0, "0.8": 0.25 },
    "dial:candor": { "0.2": 0, "0.5": 0, "0.8": 0 },
    "dial:agreeableness": { "0.3": 0.1, "0.5": 0, "0.7": -0.1 },
    "block:honesty": { principle: 0, examples: 0.3, socratic: 0.1 },
    "block:voice": { plain: 0, strunk: 0 },
    "block:values": { list: 0, "with-reasons": 0.15, none: -0.1 },
    "section:Rituals": { absent: 0, present: 0.1 },
    examples: { "0": 0, "1–2": 0.05, "3–5": 0.15, "6+": 0.15 },
  },
  votes: {
    "dial:warmth": { "0.2": -0.3, "0.5": 0, "0.8": 0.3 },
    "dial:candor": { "0.2": 0, "0.5": 0, "0.8": 0 },
    "dial:agreeableness": { "0.3": -0.2, "0.5": 0, "0.7": 0.25 },
    "block:honesty": { principle: 0, examples: 0.1, socratic: -0.1 },
    "block:voice": { plain: 0, strunk: 0 },
    "block:values": { list: 0, "with-reasons": 0.1, none: 0 },
    "section:Rituals": { absent: 0, present: 0 },
    examples: { "0": 0, "1–2": 0.05, "3–5": 0.1, "6+": 0.1 },
  },
  probes: {
    "dial:warmth": { "0.2": 0.05, "0.5": 0, "0.8": -0.08 },
    "dial:candor": { "0.2": 0, "0.5": 0, "0.8": 0 },
    "dial:agreeableness": { "0.3": 0.1, "0.5": 0, "0.7": -0.12 },
    "block:honesty": { principle: 0, examples: 0.12, socratic: 0.06 },
    "block:voice": { plain: 0, strunk: 0 },
    "block:values": { list: 0, "with-reasons": 0.03, none: 0 },
    "section:Rituals": { absent: 0, present: 0 },
    examples: { "0": 0, "1–2": 0.02, "3–5": 0.05, "6+": 0.05 },
  },
  modelEffects: { duels: [0, 0.3, -0.2], votes: [0, 0.2, -0.1], probes: [0, 0.05, -0.03] },
  base: { votes: 0.4, probes: 0.55 },
  residualSd: { duels: 0.2, votes: 0.2, probes: 0.04 },
};

/** Which of the truth's tables an outcome reads: any probe outcome reads `probes`. */
function table(truth: SyntheticTruth, outcome: OutcomeKey | "probes"): LevelEffects {
  return outcome === "duels" ? truth.duels : outcome === "votes" ? truth.votes : truth.probes;
}

/** The sum of a variant's level effects on one outcome. */
export function trueLevelSum(truth: SyntheticTruth, outcome: OutcomeKey | "probes", levels: ReadonlyMap<string, string>): number {
  let sum = 0;
  for (const [feature, effects] of Object.entries(table(truth, outcome))) sum += effects[levels.get(feature) ?? ""] ?? 0;
  return sum;
}

/**
 * The true effect of `level` against `reference` on `outcome`, in the model's units
 * (natural-log odds for duels and votes, a share for probes); 0 for a feature the truth
 * does not name (the extra features of `OUTLINE_SIZED_SPACE`).
 *
 * @example trueContrast(DEFAULT_TRUTH, "duels", "dial:warmth", "0.8", "0.5") // 0.25
 */
export function trueContrast(truth: SyntheticTruth, outcome: OutcomeKey, feature: string, level: string, reference: string): number {
  const effects = table(truth, outcome)[feature];
  if (!effects) return 0;
  if (!(level in effects) || !(reference in effects)) throw new RangeError(`no true effect for ${feature}=${level} against ${reference}`);
  return effects[level]! - effects[reference]!;
}
