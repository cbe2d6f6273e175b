import type { ForestPlot } from "../charts/forestPlot.js";
import type { InsightReport, OutcomeKey, Unit } from "../insights/types.js";

/** The outcomes a report has anything on, votes and duels first, then probe metrics alphabetically. */
export function reportOutcomes(report: InsightReport): OutcomeKey[] {
  const seen = new Set<OutcomeKey>([...report.findings.map((f) => f.outcome), ...report.fits.map((f) => f.outcome)]);
  const order = (o: OutcomeKey) => (o === "votes" ? "0" : o === "duels" ? "1" : `2${o}`);
  return [...seen].sort((a, b) => (order(a) < order(b) ? -1 : 1));
}

export const unitOf = (outcome: OutcomeKey): Unit => (outcome === "duels" ? "elo" : "pp");

/** A chart's title and subtitle for an outcome, in the words the leaderboards use. */
export function outcomeHeading(outcome: OutcomeKey): Pick<ForestPlot, "title" | "subtitle"> {
  if (outcome === "votes") return { title: "What changes how people vote?", subtitle: "Effect on the share of votes approving replies, in percentage points" };
  if (outcome === "duels") return { title: "What wins blind duels?", subtitle: "Effect on duel strength, in Elo points (+70 wins about 60% of duels against an equal)" };
  const metric = outcome.slice("probe:".length);
  return { title: `What changes ${metric.replace("/", " · ")}?`, subtitle: "Effect on a probe score, in percentage points" };
}

/** A short file-name-safe id for an outcome: votes, duels, probe-are-you-sure-kept. */
export function outcomeSlug(outcome: OutcomeKey): string {
  return outcome.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
}
