/**
 * Item 5 of Insights: suggested experiments. For the model effects that are least known —
 * first those with no estimate yet (but for levels tied to another, such as a section title
 * to its block, which no fork can separate), then those with the widest intervals relative to an
 * effect that matters (`NEGLIGIBLE`) — the fork that would narrow them: the best-measured
 * variant that lacks the level, forked with that level alone, then duelled against (or
 * voted on, or probed beside) its parent, so the arena can favour that pair.
 *
 * How much: an interval's width goes as 1/√n in the data that inform it, so halving it
 * takes four times the information, i.e. three times the current evidence more (duels
 * between variants that differ in the level, votes on its carriers, probe results). This
 * assumes the width comes from the duels' or votes' own noise; where it comes from the
 * spread between variants, more forks help and more duels on the same ones do not — which
 * is why the suggestion is a new fork. A level with no estimate gets a first amount:
 * enough for one fork–parent comparison to reach about ±100 Elo points (50 duels) or
 * ±10 points of approval (200 votes), or a probe run on each.
 */
import { NEGLIGIBLE } from "./findings.js";
import type { Levels } from "./featureLevels.js";
import { kindOf, nameOf } from "./featureLevels.js";
import type { IndexedData } from "./indexData.js";
import { observedCells } from "../ratings/resample.js";
import type { FeatureEffect, ModelFit, OutcomeKey, Suggestion, Unit } from "./types.js";

const FIRST_ESTIMATE: Readonly<Record<"duels" | "votes" | "probes", number>> = { duels: 50, votes: 200, probes: 2 };

/** Up to `count` suggested forks, least-known effects first; one per feature level. */
export function suggestForks(index: IndexedData, levels: readonly Levels[], fits: readonly ModelFit[], count: number, negligible: Readonly<Record<Unit, number>> = NEGLIGIBLE): Suggestion[] {
  const ranked = fits
    .flatMap((fit) => fit.effects.filter((e) => !(e.status === "insufficient" && e.inseparableFrom)).map((effect) => ({ fit, effect, need: need(effect, negligible) })))
    .sort((a, b) => b.need - a.need || (a.effect.label < b.effect.label ? -1 : 1));
  const data = new Map<OutcomeKey, Float64Array>();
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const { fit, effect } of ranked) {
    if (out.length >= count) break;
    const level = `${effect.feature}=${effect.to}`;
    if (seen.has(level)) continue;
    const amount = data.get(fit.outcome) ?? data.set(fit.outcome, dataPerVariant(index, fit.outcome)).get(fit.outcome)!;
    // The best-measured variant without the level: the fork's parent and its first opponent.
    let base = -1;
    for (let v = 0; v < amount.length; v++) {
      if (amount[v]! > 0 && levels[v]!.get(effect.feature) !== effect.to && (base < 0 || amount[v]! > amount[base]!)) base = v;
    }
    if (base < 0) continue;
    seen.add(level);
    out.push(suggestion(index, fit, effect, base));
  }
  return out;
}

/** How badly an effect needs data: infinite without an estimate, else its interval's width in units of an effect that matters. */
function need(effect: FeatureEffect, negligible: Readonly<Record<Unit, number>>): number {
  return effect.status === "estimated" ? (effect.upper - effect.lower) / Math.max(negligible[effect.unit], 1e-9) : Infinity;
}

function suggestion(index: IndexedData, fit: ModelFit, effect: FeatureEffect, base: number): Suggestion {
  const variant = index.variants[base]!;
  const handle = `${variant.name}@${variant.version}`;
  const kind = fit.outcome === "duels" ? "duels" : fit.outcome === "votes" ? "votes" : "probes";
  const width = effect.status === "estimated" ? effect.upper - effect.lower : null;
  const more = width === null ? FIRST_ESTIMATE[kind] : Math.max(FIRST_ESTIMATE[kind], Math.ceil(3 * effect.evidence));
  const what = kind === "duels" ? `duels between it and ${handle}` : kind === "votes" ? "votes on its replies" : `${fit.outcome.slice("probe:".length)} probe runs on it and ${handle}`;
  const unitWord = fit.unit === "elo" ? "Elo points" : "points";
  const goal = width === null ? `would give a first estimate (now: ${effect.status === "insufficient" ? effect.reason : "none"})` : `would halve this interval (now ±${Math.round(width / 2)} ${unitWord})`;
  return {
    outcome: fit.outcome,
    feature: effect.feature,
    level: effect.to,
    base: { id: variant.id, name: variant.name, version: variant.version },
    more,
    currentWidth: width,
    sentence: `Fork ${handle} with ${levelText(effect.feature, effect.to)}; about ${more.toLocaleString("en")} ${what} ${goal}.`,
  };
}

/** The level as a fork instruction: "warmth 0.4", "the examples block for honesty", `a "Rituals" section`. */
function levelText(feature: string, level: string): string {
  const name = nameOf(feature);
  switch (kindOf(feature)) {
    case "section":
      return level === "present" ? `a "${name}" section` : `the "${name}" section removed`;
    case "block":
      return level === "none" ? `no ${name} block` : `the ${level} block for ${name}`;
    case "examples":
      return `${level} example turns`;
    default:
      return `${name} ${level}`;
  }
}

/** Per variant, how much data it has on `outcome`: duels fought, votes, or probe results. */
function dataPerVariant(index: IndexedData, outcome: OutcomeKey): Float64Array {
  const n = index.variants.length;
  const amount = new Float64Array(n);
  if (outcome === "duels") {
    const cells = observedCells(index.pairs);
    cells.first.forEach((c, k) => {
      amount[c % n]! += cells.games[k]!;
      amount[cells.second[k]! % n]! += cells.games[k]!;
    });
  } else if (outcome === "votes") {
    index.votes.variant.forEach((v, r) => (amount[v]! += index.votes.up[r]! + index.votes.down[r]!));
  } else {
    index.probes.get(outcome.slice("probe:".length))?.variant.forEach((v) => amount[v]!++);
  }
  return amount;
}
