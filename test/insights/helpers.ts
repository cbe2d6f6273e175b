import { trueContrast, type SyntheticTruth } from "../../src/insights/syntheticTruth.js";
import type { InsightData, OutcomeKey } from "../../src/insights/types.js";
import { ELO_PER_NAT } from "../../src/ratings/eloScale.js";

/** The community's overall vote approval: the point at which the model shows log-odds effects in percentage points. */
export function overallApproval(data: InsightData): number {
  const up = data.votes.reduce((s, v) => s + v.up, 0);
  return up / data.votes.reduce((s, v) => s + v.up + v.down, 0);
}

/**
 * The true effect of `level` against `reference` in the report's unit: Elo points for
 * duels, percentage points of approval at the overall approval for votes, percentage
 * points for probe shares.
 */
export function trueReportEffect(truth: SyntheticTruth, outcome: OutcomeKey, feature: string, level: string, reference: string, approval: number): number {
  const x = trueContrast(truth, outcome, feature, level, reference);
  if (outcome === "duels") return x * ELO_PER_NAT;
  if (outcome === "votes") return 100 * (1 / (1 + Math.exp(-(Math.log(approval / (1 - approval)) + x))) - approval);
  return 100 * x;
}
