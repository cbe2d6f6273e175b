import { kindOf, nameOf } from "./featureLevels.js";
import type { Interval, OutcomeKey, Unit } from "./types.js";

/**
 * The words of findings, in the community's terms: what a fork did ("moved warmth from
 * 0.8 to 0.4"), which variants a model effect is about ("variants with warmth 0.4 rather
 * than 0.8"), and what changed in the outcome ("were voted up 6 points more often").
 * Duel effects are in Elo points, as on the duels leaderboard; vote approval and probe
 * shares in percentage points ("points").
 */

/** What a fork did: "moved warmth from 0.8 to 0.4", `added a "Rituals" section`. `label` is the change's label, whose block names carry axis tags. */
export function movePhrase(feature: string, from: string, to: string, label: string): string {
  const name = nameOf(feature);
  switch (kindOf(feature)) {
    case "section":
      return to === "present" ? `added a "${name}" section` : `removed the "${name}" section`;
    case "examples":
      return `went from ${from} to ${to} example turns`;
    case "block": {
      const [a, b] = blockSides(label, name, from, to);
      return `moved ${name} from ${a} to ${b}`;
    }
    default:
      return `moved ${name} from ${from} to ${to}`;
  }
}

/** Which variants a model effect is about: "warmth 0.4 rather than 0.8", "honesty: examples rather than principle", `a "Rituals" section`. */
export function levelPhrase(feature: string, reference: string, level: string, label: string): string {
  const name = nameOf(feature);
  switch (kindOf(feature)) {
    case "section":
      return level === "present" ? `a "${name}" section` : `no "${name}" section`;
    case "examples":
      return `${level} example turns rather than ${reference}`;
    case "block": {
      const [a, b] = blockSides(label, name, reference, level);
      return `${name}: ${b} rather than ${a}`;
    }
    default:
      return `${name} ${level} rather than ${reference}`;
  }
}

/** How an outcome reads: its verb phrase for a difference of `amount` (signed), and its noun. */
export function outcomePhrase(outcome: OutcomeKey, amount: string, up: boolean, metricPhrases: Record<string, string>): string {
  if (outcome === "duels") return `rated ${amount} Elo points ${up ? "higher" : "lower"} in duels`;
  if (outcome === "votes") return `were voted up ${amount} points ${up ? "more" : "less"} often`;
  const metric = outcome.slice("probe:".length);
  const phrase = metricPhrases[metric];
  if (phrase) return `${phrase} ${amount} points ${up ? "more" : "less"} often`;
  return `scored ${amount} points ${up ? "higher" : "lower"} on ${metric.replace("/", " ")}`;
}

/** The outcome as a noun, for "no detectable difference in …". */
export function outcomeNoun(outcome: OutcomeKey, metricPhrases: Record<string, string>): string {
  if (outcome === "duels") return "duel ratings";
  if (outcome === "votes") return "vote approval";
  const metric = outcome.slice("probe:".length);
  const phrase = metricPhrases[metric];
  return phrase ? `how often they ${phrase}` : `${metric.replace("/", " ")} scores`;
}

/** A number as findings show it: whole above 10 (or in Elo points), else one decimal. */
export function formatNumber(x: number, unit: Unit): string {
  const digits = unit === "elo" || Math.abs(x) >= 10 ? 0 : 1;
  const text = Math.abs(x).toFixed(digits);
  return x < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/**
 * The 95% interval in the sentence's direction: of the magnitude when the estimate is
 * negative (the sentence already says "less"), "4–24", or "−3 to 12" when it spans 0.
 */
export function intervalText(interval: Interval, unit: Unit): string {
  const [lower, upper] = interval.estimate < 0 ? [-interval.upper, -interval.lower] : [interval.lower, interval.upper];
  const [a, b] = [formatNumber(lower, unit), formatNumber(upper, unit)];
  return lower < 0 || upper < 0 ? `${a} to ${b}` : `${a}–${b}`;
}

/** The two sides of a block change as its label names them (axis tags when the outline gave them), else the block ids. */
function blockSides(label: string, name: string, from: string, to: string): [string, string] {
  const prefix = `${name}: `;
  const sides = label.startsWith(prefix) ? label.slice(prefix.length).split(" → ") : [];
  return sides.length === 2 ? [sides[0]!, sides[1]!] : [from, to];
}
