/**
 * Renders the sample leaderboards and insight forest plots in docs/img/ and prints how long a 25-row chart takes.
 * Run: node_modules/.bin/tsx bench/renderSampleCharts.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ForestPlot, renderForestPlot } from "../src/charts/forestPlot.js";
import { type RankingRow, renderRankingChart } from "../src/charts/rankingChart.js";
import { sampleDuelChart } from "./duelSample.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "docs", "img");

/** 95% Wilson score interval for `up` approvals out of `n` votes. */
function wilson(up: number, n: number): { score: number; lower: number; upper: number } {
  const z = 1.96;
  const p = up / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { score: p, lower: centre - half, upper: centre + half };
}

const PROVISIONAL_BELOW = 30;

const votes: Array<[label: string, sublabel: string | undefined, up: number, n: number]> = [
  ["scientist · blunt but kind", "v4 · forked from scientist by @mira", 131, 182],
  ["therapist-warm", "v2 · by @jonah", 118, 171],
  ["socratic tutor", "v1 · by @lee", 88, 137],
  ["Ada (grounded in Lovelace's letters)", "v3 · by @archivist", 19, 24],
  ["constitution baseline", "v1 · by @personalab", 97, 163],
  ["plain-spoken engineer", "v2 · by @kai", 71, 128],
  ["gentle by default, brutal on request 🔥", "v5 · by @mira", 60, 110],
  ["radical candour", "v1 · by @sam", 4, 6],
  ["stoic counsellor", "v3 · by @ornella", 55, 119],
  ["helpful harmless honest (sparse)", "v1 · by @personalab", 48, 121],
  ["cheerleader", "v2 · by @dee", 9, 17],
  ["devil's advocate with a very long name that will not fit", "v1 · by @quinn", 31, 104],
];

/** Feature effects as an insight report states them: pooled single-change forks first, then the model of all variants. */
const forestPp: ForestPlot = {
  title: "What changes how people vote?",
  subtitle: "Effect of one spec change on the share of votes approving replies",
  unit: "pp",
  rows: [
    { label: "honesty: principle → examples", sublabel: "9 forks · 4 families", estimate: 14.2, lower: 4.1, upper: 24.3, status: "finding", pooled: true },
    { label: "warmth 0.9 → 0.5", sublabel: "7 forks · 3 families", estimate: -11.6, lower: -19.8, upper: -3.2, status: "finding", pooled: true },
    { label: 'added "Boundaries"', sublabel: "5 forks · 3 families", estimate: 3.1, lower: -6.4, upper: 12.5, status: "no detectable effect", pooled: true },
    { label: "candor 0.4 → 0.8", sublabel: "3 forks · 2 families", estimate: 9.4, lower: -12.7, upper: 31.5, status: "not enough evidence yet", pooled: true },
    { label: "voice: terse → rich", sublabel: "model of all variants", estimate: 6.8, lower: 1.9, upper: 11.6, status: "finding" },
    { label: "candor 0.8", sublabel: "model of all variants · vs 0.5", estimate: -1.2, lower: -7.3, upper: 4.9, status: "no detectable effect" },
    { label: 'removed "Safety notes" 🛡️', sublabel: "model of all variants", estimate: -4.0, lower: -15.1, upper: 7.1, status: "not enough evidence yet" },
  ],
  footnote: "Findings: q at most 0.1 after Benjamini–Hochberg. Intervals: 95%, Hartung–Knapp for pooled forks.",
};

const forestElo: ForestPlot = {
  title: "What wins blind duels?",
  subtitle: "Effect of one spec change on the duel rating, Elo points",
  unit: "elo",
  rows: [
    { label: "honesty: principle → examples", sublabel: "11 forks · 5 families", estimate: 46, lower: 18, upper: 74, status: "finding", pooled: true },
    { label: "warmth 0.9 → 0.5", sublabel: "8 forks · 4 families", estimate: -38, lower: -71, upper: -6, status: "finding", pooled: true },
    { label: "candor 0.4 → 0.8", sublabel: "6 forks · 3 families", estimate: 21, lower: -14, upper: 56, status: "no detectable effect", pooled: true },
    { label: 'added "Boundaries"', sublabel: "2 forks · 1 family", estimate: -9, lower: -96, upper: 78, status: "not enough evidence yet", pooled: true },
    { label: "voice: terse → rich", sublabel: "model of all variants", estimate: 27, lower: 4, upper: 50, status: "finding" },
    { label: "examples: none → three worked dialogues", sublabel: "model of all variants", estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN, status: "not enough evidence yet" },
  ],
  footnote: "Bradley–Terry on all duels, Elo scale. Intervals: 95%.",
};

function shareRows(): RankingRow[] {
  return votes
    .map(([label, sublabel, up, n]) => ({ label, sublabel, n, provisional: n < PROVISIONAL_BELOW, ...wilson(up, n) }))
    .sort((a, b) => Number(a.provisional) - Number(b.provisional) || b.lower - a.lower)
    .map((row, i) => ({ ...row, rank: i + 1 }));
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const share = await renderRankingChart({
    title: "Which persona do people prefer?",
    subtitle: "Share of community votes approving each variant's replies, last 30 days",
    scale: { kind: "share" },
    rows: shareRows(),
    footnote: "Blind votes, one per person per thread. Intervals: 95% Wilson.",
  });
  writeFileSync(join(out, "leaderboard.png"), share);

  const ratings = await renderRankingChart(await sampleDuelChart(root));
  writeFileSync(join(out, "leaderboard-ratings.png"), ratings);
  console.log(`wrote ${join("docs", "img", "leaderboard.png")} and leaderboard-ratings.png`);

  writeFileSync(join(out, "insights-forest-sample.png"), await renderForestPlot(forestPp));
  writeFileSync(join(out, "insights-forest-elo-sample.png"), await renderForestPlot(forestElo));
  console.log(`wrote ${join("docs", "img", "insights-forest-sample.png")} and insights-forest-elo-sample.png`);

  // 25 rows, timed after one warm-up render (which also registers the fonts).
  const rows25: RankingRow[] = Array.from({ length: 25 }, (_, i) => {
    const n = 20 + ((i * 37) % 180);
    return { rank: i + 1, label: `variant ${i + 1} of a persona`, sublabel: `v${(i % 4) + 1}`, n, provisional: n < 40, ...wilson(Math.round(n * (0.8 - i * 0.02)), n) };
  });
  const chart = { title: "25 variants", subtitle: "benchmark", scale: { kind: "share" as const }, rows: rows25 };
  await renderRankingChart(chart);
  const runs = 20;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    bytes = (await renderRankingChart(chart)).length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)] ?? 0;
  console.log(`25 rows: median ${median.toFixed(1)} ms, min ${(times[0] ?? 0).toFixed(1)} ms over ${runs} renders, ${(bytes / 1024).toFixed(0)} KiB PNG`);
}

await main();
