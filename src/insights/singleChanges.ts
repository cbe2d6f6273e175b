/**
 * Item 1 of Insights: the effects of single changes. For every fork that changed exactly
 * one feature (`featureChanges`), child − parent on each outcome and model
 * (`forkDifferences`); then per change and outcome, pooled across forks.
 *
 * Pooling: a fork compared on several models counts once, its per-model differences
 * combined by inverse variance (they share the fork and its parent, so they are not
 * independent forks). Forks that made the same change in the opposite direction count with
 * their sign turned (see `FeatureChange.key`). The forks are then pooled with random
 * effects (`poolRandomEffects`): DerSimonian–Laird weights, a Hartung–Knapp interval, and
 * τ, the spread of the change's true effect between forks — mostly between families, as
 * most families make a given change once. Fewer than `minForks` forks give no numbers.
 */
import { changeLabel, featureChanges, type FeatureChange } from "./featureChanges.js";
import { blockRatings } from "./blockRatings.js";
import { forkDifferences, outcomeLookups } from "./forkDifferences.js";
import type { IndexedData } from "./indexData.js";
import { poolRandomEffects, type Study } from "./pooling.js";
import type { ForkDifference, OutcomeKey, PooledChange } from "./types.js";
import type { Outline } from "../outline/types.js";

/** How many forks a pooled change needs, and the outline for labels. */
export interface SingleChangeSettings {
  minForks: number;
  outline?: Outline;
}

/** One fork's combined estimate of one change on one outcome, in the key's direction. */
interface ForkStudy extends Study {
  family: number;
  reversed: boolean;
  models: number[];
}

/** Item 1: every single-change fork's differences, and each change pooled per outcome. */
export function singleChanges(index: IndexedData, settings: SingleChangeSettings): { forks: ForkDifference[]; changes: PooledChange[] } {
  const ratings = blockRatings(index);
  const lookups = outcomeLookups(index);
  const forks: ForkDifference[] = [];
  const studies = new Map<string, { change: FeatureChange; outcome: OutcomeKey; list: ForkStudy[] }>();
  const multi = new Map<string, number>();
  index.variants.forEach((variant, child) => {
    const parent = variant.parentId === null ? undefined : index.variantIndex.get(variant.parentId);
    if (parent === undefined) return;
    const changes = featureChanges(index.variants[parent]!.features, variant.features, settings.outline);
    if (changes.length > 1) for (const c of changes) multi.set(c.key, (multi.get(c.key) ?? 0) + 1);
    if (changes.length !== 1) return;
    const change = changes[0]!;
    const differences = forkDifferences(index, ratings, child, parent, lookups);
    for (const d of differences) {
      const { estimate, lower, upper, se, p } = d;
      forks.push({ fork: variant.id, parent: index.variants[parent]!.id, family: variant.family, change: change.key, model: index.models[d.model]!, outcome: d.outcome, estimate, lower, upper, se, p });
    }
    for (const outcome of new Set(differences.map((d) => d.outcome))) {
      const mine = differences.filter((d) => d.outcome === outcome);
      const weights = mine.map((d) => 1 / Math.max(d.se, 1e-9) ** 2);
      const total = weights.reduce((a, b) => a + b, 0);
      const estimate = mine.reduce((s, d, i) => s + weights[i]! * d.estimate, 0) / total;
      const key = `${change.key}\u0000${outcome}`;
      const group = studies.get(key) ?? studies.set(key, { change, outcome, list: [] }).get(key)!;
      group.list.push({ estimate: change.reversed ? -estimate : estimate, se: 1 / Math.sqrt(total), family: index.family[child]!, reversed: change.reversed, models: mine.map((d) => d.model) });
    }
  });
  const changes = [...studies.values()]
    .map(({ change, outcome, list }) => pool(change, outcome, list, multi.get(change.key) ?? 0, index, settings))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.outcome < b.outcome ? -1 : a.outcome > b.outcome ? 1 : 0));
  return { forks, changes };
}

/** Pools one change's forks on one outcome, shown in the direction most forks took. */
function pool(change: FeatureChange, outcome: OutcomeKey, list: ForkStudy[], multiChangeForks: number, index: IndexedData, settings: SingleChangeSettings): PooledChange {
  const [low, high] = change.reversed ? [change.to, change.from] : [change.from, change.to];
  const flip = list.filter((s) => s.reversed).length * 2 > list.length;
  const [from, to] = flip ? [high, low] : [low, high];
  const base = {
    key: change.key,
    outcome,
    unit: outcome === "duels" ? ("elo" as const) : ("pp" as const),
    feature: change.feature,
    from,
    to,
    label: changeLabel(change.feature, from, to, settings.outline),
    families: new Set(list.map((s) => s.family)).size,
    forks: list.length,
    multiChangeForks,
    models: [...new Set(list.flatMap((s) => s.models))].sort((a, b) => a - b).map((m) => index.models[m]!),
  };
  if (list.length < settings.minForks) {
    return { ...base, status: "insufficient", reason: `only ${list.length} fork${list.length === 1 ? "" : "s"} made this change alone (${settings.minForks} needed)` };
  }
  const pooled = poolRandomEffects(list);
  const sign = flip ? -1 : 1;
  const [lower, upper] = flip ? [-pooled.upper, -pooled.lower] : [pooled.lower, pooled.upper];
  return { ...base, status: "estimated", estimate: sign * pooled.estimate, lower, upper, se: pooled.se, p: pooled.p, tau: pooled.tau };
}
