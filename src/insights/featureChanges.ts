import type { SpecFeatures } from "../features/deriveFeatures.js";
import { describeChanges } from "../features/describeChanges.js";
import type { Outline } from "../outline/types.js";
import { compareLevels, examplesBucket, EXAMPLES, kindOf, nameOf } from "./featureLevels.js";

/** One feature a fork changed, in the levels of `featureLevels`. */
export interface FeatureChange {
  kind: "dial" | "block" | "section" | "examples";
  /** "dial:warmth", "block:honesty", "section:Voice" or "examples". */
  feature: string;
  from: string;
  to: string;
  /** "warmth 0.8 → 0.4", "honesty: principle → examples", `added "Voice"`, "examples 1–2 → 3–5". */
  label: string;
  /**
   * The change with its levels in a fixed order, so forks pool across families: a fork
   * from 0.8 to 0.4 and one from 0.4 to 0.8 share the key "dial:warmth 0.4 → 0.8", the
   * first `reversed`. Their effects are each other's negatives (child − parent swaps), so
   * pooling them with the sign turned is exact for additive effects and doubles the data.
   * Dials pool by their exact pair of levels, not by direction alone: 0.8 → 0.6 and
   * 0.8 → 0.2 are different questions.
   */
  key: string;
  reversed: boolean;
}

/**
 * The features a fork changed, one entry each: dials alphabetically, then blocks, then the
 * example bucket, then hand-written sections added or removed. A fork is a single change
 * when this has exactly one entry. Length and tokens are not features, and example counts
 * that stay in their bucket (3 → 4) are not a change (see `featureLevels`).
 *
 * A section appearing or disappearing with a block swapped in or out is the block's
 * change, not a second one. With the outline, the block's section title says which; without
 * it, added (removed) titles are taken as explained when as many blocks went from (to)
 * "none" as titles were added (removed).
 *
 * @example featureChanges(parent, child, outline) // [{ kind: "dial", feature: "dial:warmth", from: "0.8", to: "0.4", label: "warmth 0.8 → 0.4", key: "dial:warmth 0.4 → 0.8", reversed: true }]
 */
export function featureChanges(before: SpecFeatures, after: SpecFeatures, outline?: Outline): FeatureChange[] {
  const pairs: [string, string, string][] = [];
  for (const name of union(Object.keys(before.dials), Object.keys(after.dials))) {
    pairs.push([`dial:${name}`, level(before.dials[name]), level(after.dials[name])]);
  }
  const blockIds = outline ? outline.sections.filter((s) => !s.fromDials).map((s) => s.id) : union(Object.keys(before.blocks), Object.keys(after.blocks));
  for (const id of blockIds) pairs.push([`block:${id}`, before.blocks[id] ?? "none", after.blocks[id] ?? "none"]);
  pairs.push([EXAMPLES, examplesBucket(before.examples), examplesBucket(after.examples)]);
  const changed = pairs.filter(([, from, to]) => from !== to);
  const added = after.sections.filter((t) => !before.sections.includes(t));
  const removed = before.sections.filter((t) => !after.sections.includes(t));
  const explained = explainedTitles(changed, added, removed, outline);
  for (const t of added) if (!explained.has(t)) changed.push([`section:${t}`, "absent", "present"]);
  for (const t of removed) if (!explained.has(t)) changed.push([`section:${t}`, "present", "absent"]);
  return changed.map(([feature, from, to]) => ({ kind: kindOf(feature), feature, from, to, label: changeLabel(feature, from, to, outline), ...changeKey(feature, from, to) }));
}

/**
 * How a move from one level to another reads: "warmth 0.8 → 0.4"; a block change by the
 * axis tags that differ when the outline is given ("honesty: principle → examples", as in
 * fork change notes), else by block ids; `added "Voice"`; "examples 1–2 → 3–5".
 */
export function changeLabel(feature: string, from: string, to: string, outline?: Outline): string {
  const name = nameOf(feature);
  switch (kindOf(feature)) {
    case "section":
      return to === "present" ? `added "${name}"` : `removed "${name}"`;
    case "block": {
      const side = (block: string): SpecFeatures => ({ blocks: { [name]: block === "none" ? null : block }, dials: {}, sections: [], length: 0, tokens: 0, examples: 0 });
      const described = outline ? describeChanges(side(from), side(to), outline) : "";
      return described || `${name}: ${from} → ${to}`;
    }
    default:
      return `${name} ${from} → ${to}`;
  }
}

/** The canonical key of a move between two levels, and whether this move runs against it. */
function changeKey(feature: string, from: string, to: string): { key: string; reversed: boolean } {
  const reversed = compareLevels(feature, from, to) > 0;
  const [low, high] = reversed ? [to, from] : [from, to];
  return { key: `${feature} ${low} → ${high}`, reversed };
}

function level(value: number | undefined): string {
  return value === undefined ? "unset" : String(value);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function explainedTitles(changed: [string, string, string][], added: string[], removed: string[], outline: Outline | undefined): Set<string> {
  const blocks = changed.filter(([feature]) => kindOf(feature) === "block");
  if (outline) {
    const ids = new Set(blocks.map(([feature]) => nameOf(feature)));
    return new Set(outline.sections.filter((s) => ids.has(s.id)).map((s) => s.title));
  }
  const swappedIn = blocks.filter(([, from]) => from === "none").length;
  const swappedOut = blocks.filter(([, , to]) => to === "none").length;
  return new Set([...(swappedIn === added.length ? added : []), ...(swappedOut === removed.length ? removed : [])]);
}
