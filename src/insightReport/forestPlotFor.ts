import type { ForestPlot, ForestRow } from "../charts/forestPlot.js";
import type { Finding, InsightReport, OutcomeKey } from "../insights/types.js";
import { outcomeHeading, unitOf } from "./outcomes.js";

/** The pooled change a single-change finding reports, for its fork and family counts. */
export function changeOf(report: InsightReport, finding: Finding) {
  return finding.source === "single changes" ? report.changes.find((c) => c.outcome === finding.outcome && c.label === finding.label) : undefined;
}

/**
 * One outcome's findings as a forest plot, in the report's order (findings first, strongest
 * evidence first): each with its interval, pooled single changes as diamonds. Claims
 * without an estimate are drawn as "no estimate yet", never as numbers.
 */
export function forestPlotFor(report: InsightReport, outcome: OutcomeKey, feature?: string): ForestPlot {
  const rows: ForestRow[] = report.findings
    .filter((f) => f.outcome === outcome && (!feature || f.feature === feature || f.feature.endsWith(`:${feature}`)))
    .map((f) => {
      const change = changeOf(report, f);
      return {
        label: f.label,
        sublabel: change ? `${change.forks} fork${change.forks === 1 ? "" : "s"} · ${change.families} famil${change.families === 1 ? "y" : "ies"}` : "model of all variants",
        estimate: f.estimate?.estimate ?? Number.NaN,
        lower: f.estimate?.lower ?? Number.NaN,
        upper: f.estimate?.upper ?? Number.NaN,
        status: f.status,
        pooled: f.source === "single changes",
      };
    });
  return {
    ...outcomeHeading(outcome),
    unit: unitOf(outcome),
    rows,
    footnote: "Findings: 95% CI excludes 0, q at most 0.1. Diamonds: pooled one-change forks.",
  };
}
