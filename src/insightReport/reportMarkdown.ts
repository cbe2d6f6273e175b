import { NEGLIGIBLE } from "../insights/findings.js";
import { outcomeNoun } from "../insights/phrases.js";
import type { Finding, InsightData, InsightReport, OutcomeKey } from "../insights/types.js";
import { changeOf } from "./forestPlotFor.js";
import { evidenceLine } from "./insightsMessage.js";
import { METRIC_PHRASES } from "./metricPhrases.js";
import { outcomeHeading } from "./outcomes.js";

export interface ReportInput {
  data: InsightData;
  report: InsightReport;
  /** Where the evidence comes from, e.g. "all servers" or "a synthetic community (seed 7)". */
  scope: string;
  generatedAt: Date;
  /** Chart files written beside the report, one per outcome. */
  charts: { outcome: OutcomeKey; file: string }[];
  /** `name@id` of a variant. */
  label: (variantId: string) => string;
  /** A relative link to a variant's spec file, when the report has one. */
  link?: (variantId: string) => string | undefined;
  fdr: number;
}

const METHOD = `Every variant's features (outline blocks, dial levels, sections, example turns) are compared with its outcomes: approval of its replies (👍 share), its strength in blind duels (Bradley–Terry, Elo points) and its probe scores. Two analyses are run. **Single changes:** each fork that changed exactly one feature is compared with its parent on the same model, and forks that made the same change are pooled across families (random effects, DerSimonian–Laird with Hartung–Knapp intervals), so the spread between families widens the interval instead of hiding. **A model of all variants:** a variant's outcome is modelled as the sum of its features' effects, its model's effect and its own regularised residual, fitted to every duel, vote and probe result, with intervals from a bootstrap over families (never narrower than the model-based ones). Every estimate in the report is one test; their p-values are adjusted together (Benjamini–Hochberg), and a claim is a **finding** only when its 95% interval excludes zero and its adjusted q is at most the false-discovery rate. A claim whose interval rules out any effect that matters (±${NEGLIGIBLE.pp} points, ±${NEGLIGIBLE.elo} Elo) is **no detectable effect**; anything else is **not enough evidence yet**, and is reported without numbers when there are too few variants, families or forks to estimate it.`;

/** What a finding suggests for someone writing a spec, hedged as the evidence is. */
export function advice(finding: Finding, fdr: number): string {
  const e = finding.estimate;
  if (!e) return "";
  const noun = outcomeNoun(finding.outcome, METRIC_PHRASES);
  const more = e.estimate > 0;
  const what = finding.source === "single changes" ? `making the change \`${finding.label}\`` : `\`${finding.label}\``;
  return `*For writing a spec:* if ${noun} matter${noun.endsWith("s") ? "" : "s"} to you, ${more ? "try" : "be wary of"} ${what}; ${more ? "it raised" : "it lowered"} ${noun} here. About 1 finding in ${Math.round(1 / fdr)} at this threshold can be a false alarm.`;
}

function findingSection(input: ReportInput, finding: Finding, n: number): string {
  const lines = [`### ${n}. ${finding.sentence}`, ""];
  const change = changeOf(input.report, finding);
  lines.push(`- **Evidence:** ${finding.source}${change ? ` (${change.forks} forks in ${change.families} families on ${change.models.join(", ")})` : ""}`);
  if (finding.q !== undefined) lines.push(`- **Adjusted q:** ${finding.q.toPrecision(2)}`);
  if (finding.caveats.length > 0) lines.push(`- **Caveats:** ${finding.caveats.join("; ")}`);
  if (change) {
    const forks = input.report.forks.filter((f) => f.outcome === finding.outcome && f.change === change.key);
    const name = (id: string) => {
      const href = input.link?.(id);
      return href ? `[\`${input.label(id)}\`](${href})` : `\`${input.label(id)}\``;
    };
    lines.push(`- **Forks:** ${forks.slice(0, 12).map((f) => `${name(f.fork)} (from ${name(f.parent)})`).join(", ")}${forks.length > 12 ? `, and ${forks.length - 12} more` : ""}`);
  }
  const said = advice(finding, input.fdr);
  if (said) lines.push("", said);
  return lines.join("\n");
}

/**
 * The living document: method in a paragraph, findings sorted by strength of evidence
 * (each with its numbers, caveats, forks and what it suggests), the claims with no
 * detectable effect or not enough evidence yet, suggested experiments, caveats and charts.
 */
export function reportMarkdown(input: ReportInput): string {
  const { report } = input;
  const findings = report.findings.filter((f) => f.status === "finding");
  const none = report.findings.filter((f) => f.status === "no detectable effect");
  const pending = report.findings.filter((f) => f.status === "not enough evidence yet");
  const tests = report.findings.filter((f) => f.q !== undefined).length;
  const parts = [
    "# Insights: which spec features lead to which behaviour",
    "",
    `*Generated ${input.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC from ${input.scope}.* ${evidenceLine(input.data, report)}.`,
    "",
    "## Method",
    "",
    METHOD,
    "",
    `## Findings (${findings.length})`,
    "",
    findings.length > 0 ? findings.map((f, i) => findingSection(input, f, i + 1)).join("\n\n") : "None yet: on this evidence, no effect is clear enough to report.",
    "",
    `## No detectable effect (${none.length})`,
    "",
    ...(none.length > 0 ? none.map((f) => `- ${f.sentence}`) : ["None yet."]),
    "",
    `## Not enough evidence yet (${pending.length})`,
    "",
    ...(pending.length > 0 ? pending.slice(0, 40).map((f) => `- ${f.sentence}`) : ["None."]),
    ...(pending.length > 40 ? [`- …and ${pending.length - 40} more.`] : []),
    "",
    "## Suggested experiments",
    "",
    ...(report.suggestions.length > 0 ? report.suggestions.map((s) => `- ${s.sentence}`) : ["None: every effect is as narrow as the data can make it."]),
    "",
    "## Caveats",
    "",
    ...report.caveats.map((c) => `- ${c}`),
    `- Multiple comparisons: ${tests} estimates were tested; findings are those with q at most ${input.fdr}, so about 1 in ${Math.round(1 / input.fdr)} may be a false alarm.`,
    "- Forks that changed several features at once are left out of the single-change estimates (each finding says how many), and the model of all variants assumes effects add up.",
    "",
    "## Charts",
    "",
    ...input.charts.map((c) => `![${outcomeHeading(c.outcome).title}](${c.file})\n`),
  ];
  return `${parts.join("\n").trimEnd()}\n`;
}
