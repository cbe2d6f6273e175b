/**
 * `npm run bench:insights` — the whole Insights analysis over a synthetic community of
 * 10,000 variants (families of about 12: a root and its forks), 1,000,000 duels and
 * 1,000,000 votes on three models, and probe results for 30% of (variant, model) pairs,
 * with known feature effects (src/insights/syntheticTruth.ts). Variants draw from a
 * feature space the size of the shipped outline (`--space outline`, the default: about 45
 * effects per model) or the small one the tests use (`--space small`: 15).
 *
 * Prints the time to generate the community (not part of the analysis), the time of each
 * stage of the analysis and in total against the goal of 10 s, then how well the model of
 * all variants recovered the truth: per outcome, the error of the effects against the true
 * ones and the share of true effects inside their 95% intervals, and how many findings were
 * claimed for features with no true effect (candor and the voice block). Runs on the
 * calling thread from the TypeScript sources; every loop is bounded and the script exits
 * by itself.
 */
import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { analyzeInsights } from "../src/insights/analyze.js";
import { syntheticCommunity } from "../src/insights/synthetic.js";
import { DEFAULT_TRUTH, OUTLINE_SIZED_SPACE, SPACE, trueContrast } from "../src/insights/syntheticTruth.js";
import type { InsightReport } from "../src/insights/types.js";
import type { SyntheticTruth } from "../src/insights/syntheticTruth.js";
import { ELO_PER_NAT } from "../src/ratings/eloScale.js";

const { values } = parseArgs({
  options: {
    variants: { type: "string", default: "10000" },
    battles: { type: "string", default: "1000000" },
    votes: { type: "string", default: "1000000" },
    bootstrap: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    space: { type: "string", default: "outline" },
  },
});
const GOAL_SECONDS = 10;
/** Features with no true effect in the synthetic truth: candor, the voice block, and every feature the truth does not name. */
const NULL_FEATURES = new Set(["dial:candor", "block:voice"]);
const isNull = (feature: string) => NULL_FEATURES.has(feature) || !(feature in DEFAULT_TRUTH.duels);

function timed<T>(run: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Per outcome: RMSE and largest error of the estimated effects against the truth, in report units, and the share of true effects inside their intervals. */
function accuracy(report: InsightReport, truth: SyntheticTruth, approval: number): string[] {
  const logit = Math.log(approval / (1 - approval));
  return report.fits.map((fit) => {
    let squares = 0;
    let worst = 0;
    let inside = 0;
    let count = 0;
    for (const e of fit.effects) {
      if (e.status !== "estimated") continue;
      const x = trueContrast(truth, fit.outcome, e.feature, e.to, e.from);
      const t = fit.outcome === "duels" ? x * ELO_PER_NAT : fit.outcome === "votes" ? 100 * (1 / (1 + Math.exp(-(logit + x))) - approval) : 100 * x;
      squares += (e.estimate - t) ** 2;
      worst = Math.max(worst, Math.abs(e.estimate - t));
      if (e.lower <= t && t <= e.upper) inside++;
      count++;
    }
    const unit = fit.unit === "elo" ? "Elo points" : "points";
    return `  ${fit.outcome.padEnd(26)} ${count} effects: RMSE ${Math.sqrt(squares / count).toFixed(2)}, max ${worst.toFixed(2)} ${unit}; ${inside} of ${count} true effects inside their 95% intervals`;
  });
}

function main(): void {
  const hardStop = setTimeout(() => {
    console.error("benchmark exceeded its time limit");
    process.exit(1);
  }, 5 * 60_000);
  hardStop.unref();
  const space = values.space === "small" ? SPACE : OUTLINE_SIZED_SPACE;
  const options = { seed: Number(values.seed), variants: Number(values.variants), familySize: 12, battles: Number(values.battles), votes: Number(values.votes), space };
  // Warm-up on a small community, so the figures below are not the compiler's first pass.
  analyzeInsights(syntheticCommunity({ ...options, variants: 300, battles: 20_000, votes: 20_000 }).data, { bootstrap: 50 });
  const generated = timed(() => syntheticCommunity(options));
  const { data, truth } = generated.value;
  const stages: [string, number][] = [];
  const analysis = timed(() => analyzeInsights(data, { seed: options.seed, bootstrap: Number(values.bootstrap), onStage: (stage, seconds) => stages.push([stage, seconds]) }));
  const report = analysis.value;
  const approval = data.votes.reduce((s, v) => s + v.up, 0) / data.votes.reduce((s, v) => s + v.up + v.down, 0);
  const findings = report.findings.filter((f) => f.status === "finding");
  const falseFindings = findings.filter((f) => isNull(f.feature));

  const peak = readFileSync("/proc/self/status", "utf8").match(/VmHWM:\s+(\d+)/)?.[1];
  console.log(`bench:insights — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${availableParallelism()} cores`);
  console.log(
    `${data.variants.length.toLocaleString("en")} variants (${values.space === "small" ? "small" : "outline-sized"} feature space) in ${new Set(data.variants.map((v) => v.family)).size} families, ${data.battles.length.toLocaleString("en")} duels, ` +
      `${data.votes.reduce((s, v) => s + v.up + v.down, 0).toLocaleString("en")} votes, ${data.probes.length.toLocaleString("en")} probe results (seed ${options.seed})`,
  );
  console.log(`  generate the community (not part of the analysis): ${generated.seconds.toFixed(2)} s`);
  for (const [stage, seconds] of stages) console.log(`  ${`${stage}:`.padEnd(48)} ${seconds.toFixed(2)} s`);
  const met = analysis.seconds <= GOAL_SECONDS;
  console.log(`  ${"full analysis, one thread:".padEnd(48)} ${analysis.seconds.toFixed(2)} s — goal ≤ ${GOAL_SECONDS} s: ${met ? "met" : "NOT MET"}`);
  console.log("model of all variants against the true effects:");
  for (const line of accuracy(report, truth, approval)) console.log(line);
  const pooled = report.changes.filter((c) => c.status === "estimated").length;
  console.log(`single changes: ${report.forks.length.toLocaleString("en")} fork comparisons, ${pooled} changes pooled`);
  console.log(
    `findings: ${findings.length} of ${report.findings.length} claims; ${falseFindings.length} about features with no true effect ` +
      `(a false-discovery rate of 0.1 allows about ${Math.floor(0.1 * findings.length)})`,
  );
  console.log(`(bench process peak RSS ${Math.round(Number(peak) / 1024)} MB)`);
  clearTimeout(hardStop);
}

main();
