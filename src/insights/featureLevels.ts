import type { SpecFeatures } from "../features/deriveFeatures.js";
import type { Outline } from "../outline/types.js";

/**
 * A variant's features as categories, each with one level: the form both the fork
 * comparisons and the model of all variants read, so their keys match.
 *
 * - `dial:<name>`: the trait's value as written ("0.8"), or "unset". Levels, not a line:
 *   outline dials have 3–5 levels whose texts differ in kind, not only in degree.
 * - `block:<section id>`: the outline block recognised there, or "none".
 * - `section:<title>`: "present" or "absent", for `##` titles that no outline block
 *   section accounts for (hand-written sections).
 * - `examples`: the number of example turns in buckets 0, 1–2, 3–5, 6+: a model imitates
 *   examples, but one more or less of four is not a different spec.
 *
 * Length and tokens are not features: they follow from everything else.
 */
export type Levels = Map<string, string>;

/** The example-turn feature's key. */
export const EXAMPLES = "examples";
const EXAMPLE_BUCKETS: readonly [number, string][] = [
  [0, "0"],
  [2, "1–2"],
  [5, "3–5"],
  [Infinity, "6+"],
];

/** @example examplesBucket(4) // "3–5" */
export function examplesBucket(count: number): string {
  return EXAMPLE_BUCKETS.find(([upTo]) => count <= upTo)![1];
}

/** The titles of the outline's block sections: their presence is the block's business, not a feature of its own. */
function blockSectionTitles(outline: Outline | undefined): Set<string> {
  return new Set(outline?.sections.filter((s) => !s.fromDials).map((s) => s.title) ?? []);
}

/** The features a community's variants are described by: every dial and block section any of them has, and the hand-written section titles worth a feature. */
export interface Vocabulary {
  dials: string[];
  blocks: string[];
  titles: string[];
}

/**
 * The levels of one variant in the community's vocabulary. A dial it does not set is
 * "unset" and a block section it lacks "none", so that variants without them are not
 * taken for the reference level.
 *
 * @example featureLevels(features, { dials: ["warmth"], blocks: ["honesty"], titles: ["Rituals"] }) // Map { "dial:warmth" → "0.8", "block:honesty" → "examples", "section:Rituals" → "absent", "examples" → "3–5" }
 */
export function featureLevels(features: SpecFeatures, vocabulary: Vocabulary): Levels {
  const levels: Levels = new Map();
  for (const name of vocabulary.dials) levels.set(`dial:${name}`, features.dials[name] === undefined ? "unset" : String(features.dials[name]));
  for (const id of vocabulary.blocks) levels.set(`block:${id}`, features.blocks[id] ?? "none");
  const present = new Set(features.sections);
  for (const title of vocabulary.titles) levels.set(`section:${title}`, present.has(title) ? "present" : "absent");
  levels.set(EXAMPLES, examplesBucket(features.examples));
  return levels;
}

/**
 * The vocabulary of a community: its dials and block sections, sorted, and the
 * hand-written section titles used by at least `min` variants and left out by at least
 * `min`; `rareTitles` counts the titles passed over as used by fewer.
 */
export function communityVocabulary(all: readonly SpecFeatures[], outline: Outline | undefined, min: number): Vocabulary & { rareTitles: number } {
  const skip = blockSectionTitles(outline);
  const counts = new Map<string, number>();
  const dials = new Set<string>();
  const blocks = new Set<string>();
  for (const f of all) {
    for (const t of new Set(f.sections)) if (!skip.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const name of Object.keys(f.dials)) dials.add(name);
    for (const id of Object.keys(f.blocks)) blocks.add(id);
  }
  const titles = [...counts].filter(([, n]) => n >= min && all.length - n >= min).map(([t]) => t);
  const rareTitles = [...counts.values()].filter((n) => n < min).length;
  return { dials: [...dials].sort(), blocks: [...blocks].sort(), titles: titles.sort(), rareTitles };
}

/** "dial" for `dial:warmth`, and so on. */
export function kindOf(feature: string): "dial" | "block" | "section" | "examples" {
  return feature === EXAMPLES ? "examples" : (feature.slice(0, feature.indexOf(":")) as "dial" | "block" | "section");
}

/** The feature's name without its kind: "warmth", "honesty", "Voice", "examples". */
export function nameOf(feature: string): string {
  return feature === EXAMPLES ? EXAMPLES : feature.slice(feature.indexOf(":") + 1);
}

/** A stable order of a feature's levels: dial values and example buckets ascending ("unset" and "none" first), sections absent before present, blocks by id. */
export function compareLevels(feature: string, a: string, b: string): number {
  const rank = (level: string): number => {
    if (level === "unset" || level === "none" || level === "absent") return -Infinity;
    if (kindOf(feature) === "dial") return Number(level);
    if (kindOf(feature) === "examples") return EXAMPLE_BUCKETS.findIndex(([, label]) => label === level);
    return level === "present" ? 1 : 0;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
