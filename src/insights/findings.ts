/**
 * Items 3 and 4 of Insights: estimates turned into claims in plain words, with their
 * numbers and caveats.
 *
 * Every estimate in the report — each pooled single change and each model effect, on
 * every outcome — is one test; their p-values are adjusted together by Benjamini–Hochberg
 * (`benjaminiHochberg`), since a report of a hundred estimates will show five "significant"
 * ones by chance alone. A claim is:
 *
 * - "no detectable effect" when its 95% interval lies within ±`negligible` (by default
 *   15 Elo points, about 2 points of win rate against an even opponent, or 2 percentage
 *   points): whatever the effect is, it is too small to matter, even if the interval
 *   happens to exclude 0 (with thousands of variants, a 0.4-point effect can be "significant");
 * - a finding when its interval excludes 0 and its q is at most the false-discovery rate
 *   (0.1 by default);
 * - otherwise, and for anything without an estimate, "not enough evidence yet".
 *
 * Findings come first, strongest evidence (smallest p) first.
 */
import { benjaminiHochberg } from "./fdr.js";
import { formatNumber, intervalText, levelPhrase, movePhrase, outcomeNoun, outcomePhrase } from "./phrases.js";
import type { Finding, FindingStatus, Interval, ModelFit, OutcomeKey, PooledChange, Unit } from "./types.js";

/** Effects within these bounds are too small to matter, by default: 15 Elo points, 2 percentage points. */
export const NEGLIGIBLE: Readonly<Record<Unit, number>> = { elo: 15, pp: 2 };
/** Fewer families than this get a caveat: one family's quirks could be the whole story. */
const FEW_FAMILIES = 3;

/** How claims are judged and worded. */
export interface FindingRules {
  fdr: number;
  negligible: Readonly<Record<Unit, number>>;
  metricPhrases: Record<string, string>;
}

/** A claim before its q-value is known. */
interface Claim {
  source: Finding["source"];
  outcome: OutcomeKey;
  unit: Unit;
  feature: string;
  label: string;
  subject: string;
  context: string;
  estimate?: Interval;
  reason?: string;
  caveats: string[];
}

/** Findings from item 1's pooled changes and item 2's model effects, all adjusted together. */
export function buildFindings(changes: readonly PooledChange[], fits: readonly ModelFit[], rules: FindingRules): Finding[] {
  const claims = [...changes.map(changeClaim), ...fits.flatMap(fitClaims)];
  const tested = claims.filter((c) => c.estimate);
  const q = benjaminiHochberg(tested.map((c) => c.estimate!.p));
  const qOf = new Map(tested.map((c, i) => [c, q[i]!]));
  const rank: Record<FindingStatus, number> = { finding: 0, "no detectable effect": 1, "not enough evidence yet": 2 };
  return claims
    .map((claim) => toFinding(claim, qOf.get(claim), tested.length, rules))
    .sort((a, b) => rank[a.status] - rank[b.status] || (a.estimate?.p ?? 1) - (b.estimate?.p ?? 1) || (a.label < b.label ? -1 : 1));
}

function changeClaim(change: PooledChange): Claim {
  const caveats: string[] = [];
  if (change.multiChangeForks > 0) {
    caveats.push(`${change.multiChangeForks} fork${change.multiChangeForks === 1 ? "" : "s"} that changed this together with other features ${change.multiChangeForks === 1 ? "was" : "were"} left out`);
  }
  if (change.families < FEW_FAMILIES) caveats.push(`only ${change.families} famil${change.families === 1 ? "y" : "ies"}`);
  if (change.models.length === 1) caveats.push(`measured on one model only (${change.models[0]})`);
  return {
    source: "single changes",
    outcome: change.outcome,
    unit: change.unit,
    feature: change.feature,
    label: change.label,
    subject: `Forks that ${movePhrase(change.feature, change.from, change.to, change.label)}`,
    context: `${change.forks} fork${change.forks === 1 ? "" : "s"}, ${change.families} famil${change.families === 1 ? "y" : "ies"}`,
    ...(change.status === "estimated" ? { estimate: pick(change) } : { reason: change.reason }),
    caveats,
  };
}

function fitClaims(fit: ModelFit): Claim[] {
  return fit.effects.map((effect) => {
    const caveats = ["compares variants that differ in several features at once, assuming the effects add up"];
    if (effect.families < FEW_FAMILIES) caveats.push(`only ${effect.families} famil${effect.families === 1 ? "y" : "ies"}`);
    if (fit.models.length === 0) caveats.push("measured on one model only");
    return {
      source: "model of all variants" as const,
      outcome: fit.outcome,
      unit: fit.unit,
      feature: effect.feature,
      label: effect.label,
      subject: `Variants with ${levelPhrase(effect.feature, effect.from, effect.to, effect.label)}`,
      context: `${effect.carriers} variant${effect.carriers === 1 ? "" : "s"} in ${effect.families} famil${effect.families === 1 ? "y" : "ies"}, other features held equal`,
      ...(effect.status === "estimated" ? { estimate: pick(effect) } : { reason: effect.reason }),
      caveats,
    };
  });
}

function toFinding(claim: Claim, q: number | undefined, tests: number, rules: FindingRules): Finding {
  const base = { source: claim.source, outcome: claim.outcome, feature: claim.feature, label: claim.label };
  const noun = outcomeNoun(claim.outcome, rules.metricPhrases);
  const e = claim.estimate;
  if (!e || q === undefined) {
    const sentence = `${claim.subject}: not enough evidence yet on ${noun} (${claim.reason ?? "no estimate"}).`;
    return { ...base, status: "not enough evidence yet", sentence, flagged: false, caveats: claim.caveats };
  }
  const flagged = q <= rules.fdr;
  const caveats = [...claim.caveats, `q = ${q.toPrecision(2)} after adjusting for the ${tests} estimates in this report (false-discovery rate ${rules.fdr})`];
  const unitWord = claim.unit === "elo" ? "Elo points" : "points";
  const signed = `${formatNumber(e.lower, claim.unit)} to ${formatNumber(e.upper, claim.unit)} ${unitWord}`;
  const small = rules.negligible[claim.unit];
  let status: FindingStatus;
  let sentence: string;
  if (-small < e.lower && e.upper < small) {
    status = "no detectable effect";
    sentence = `${claim.subject} showed no difference in ${noun} larger than ${formatNumber(small, claim.unit)} ${unitWord} (95% CI ${signed}; ${claim.context}).`;
  } else if ((e.lower > 0 || e.upper < 0) && flagged) {
    status = "finding";
    const amount = formatNumber(Math.abs(e.estimate), claim.unit);
    sentence = `${claim.subject} ${outcomePhrase(claim.outcome, amount, e.estimate > 0, rules.metricPhrases)} (95% CI ${intervalText(e, claim.unit)}; ${claim.context}).`;
  } else {
    status = "not enough evidence yet";
    sentence = `${claim.subject}: not enough evidence yet on ${noun} (95% CI ${signed}; ${claim.context}).`;
  }
  return { ...base, status, sentence, estimate: e, q, flagged, caveats };
}

function pick({ estimate, lower, upper, se, p }: Interval): Interval {
  return { estimate, lower, upper, se, p };
}
