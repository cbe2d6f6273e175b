import type { SpecFeatures } from "../features/deriveFeatures.js";
import { featureChanges } from "../insights/featureChanges.js";
import type { Suggestion } from "../insights/types.js";
import type { Outline } from "../outline/types.js";

/** How much more often the arena offers a pair that is one of the suggested experiments. */
export const EXPERIMENT_BOOST = 4;

/**
 * The arena's weight multiplier for a pair: `EXPERIMENT_BOOST` when one variant is a fork
 * of the other that changed exactly one feature, and that feature is one insights most
 * needs evidence on (its suggestions); 1 otherwise. Such a duel measures that feature's
 * effect alone, which is what narrows its interval.
 */
export function experimentBoost(
  suggestions: readonly Suggestion[],
  variants: ReadonlyMap<string, { parentId: string | null; features: SpecFeatures }>,
  outline: Outline,
): (a: string, b: string) => number {
  const wanted = new Set(suggestions.map((s) => s.feature));
  const single = (child: string, parent: string): boolean => {
    const c = variants.get(child);
    const p = variants.get(parent);
    if (!c || !p || c.parentId !== parent) return false;
    const changes = featureChanges(p.features, c.features, outline);
    return changes.length === 1 && wanted.has(changes[0]!.feature);
  };
  return (a, b) => (single(a, b) || single(b, a) ? EXPERIMENT_BOOST : 1);
}
