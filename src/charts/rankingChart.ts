import { createCanvas } from "@napi-rs/canvas";
import { drawCaptions, drawEmpty, drawFooter, drawGrid, drawLegend, drawTitles, startChart } from "./drawFrame.js";
import { type DrawableRow, drawRow, drawStripes } from "./drawRow.js";
import { registerChartFonts } from "./fonts.js";
import { computeLayout } from "./layout.js";
import { type Axis, formatCount, formatPercent, formatRating, ratingAxis, shareAxis } from "./scale.js";
import { cleanText } from "./text.js";

export interface RankingRow {
  rank: number;
  label: string;
  sublabel?: string;
  score: number;
  lower: number;
  upper: number;
  n: number;
  provisional: boolean;
}

export interface RankingChart {
  title: string;
  subtitle?: string;
  rows: RankingRow[];
  scale: { kind: "share" } | { kind: "rating"; min?: number; max?: number };
  footnote?: string;
  /** Column captions and legend wording, when the scale's defaults (votes, battles) do not fit. */
  words?: Partial<ScaleWords>;
}

/** More rows than this make an image too tall to read in a channel; the rest are counted in the footer. */
export const MAX_CHART_ROWS = 50;

/** Logical pixels per rating tick, at least: a four-digit label is ~30 px wide at 12 px. */
const MIN_TICK_SPACING = 40;

export interface ScaleWords {
  scoreName: string;
  captions: { score: string; range: string; count: string };
  provisional: string;
  empty: string;
  emptyHint: string;
}

const WORDS: Record<"share" | "rating", ScaleWords> = {
  share: {
    scoreName: "Approval share",
    captions: { score: "APPROVAL", range: "95% CI", count: "VOTES" },
    provisional: "Provisional: too few votes yet, rank may change",
    empty: "No votes yet",
    emptyHint: "Rankings appear here once variants get their first votes.",
  },
  rating: {
    scoreName: "Rating",
    captions: { score: "RATING", range: "95% CI", count: "BATTLES" },
    provisional: "Provisional: too few battles yet, rank may change",
    empty: "No battles yet",
    emptyHint: "Ratings appear here once variants have met in duels.",
  },
};

/**
 * Draws a leaderboard as a PNG: one row per contestant with its rank, label, score, 95% interval
 * and sample size; provisional rows are hatched and tagged. Sized for Discord's dark theme at 2×.
 * "share" scores are 0–1 shown as percentages; "rating" scores are Elo-like numbers. n is "votes"
 * for share, "battles" for rating. An empty ranking draws a "No votes yet" card.
 *
 * @example
 * const png = await renderRankingChart({
 *   title: "Which persona do people prefer?",
 *   subtitle: "Approval share of community votes",
 *   scale: { kind: "share" },
 *   rows: [{ rank: 1, label: "scientist-v2", score: 0.71, lower: 0.63, upper: 0.78, n: 140, provisional: false }],
 * });
 * await channel.send({ files: [{ attachment: png, name: "leaderboard.png" }] });
 */
export function renderRankingChart(chart: RankingChart): Promise<Buffer> {
  registerChartFonts();
  const kind = chart.scale.kind;
  const words = { ...WORDS[kind], ...chart.words };
  const shown = chart.rows.slice(0, MAX_CHART_ROWS);
  const hidden = chart.rows.length - shown.length;
  const rows = shown.map((row) => toDrawable(row, kind));
  const scale = chart.scale;
  const axisFor = (plotWidth: number): Axis =>
    scale.kind === "share"
      ? shareAxis()
      : ratingAxis(rows.flatMap((r) => [r.lower, r.upper, r.score]), scale.min, scale.max, Math.floor(plotWidth / MIN_TICK_SPACING));

  const subtitle = chart.subtitle === undefined ? undefined : cleanText(chart.subtitle) || undefined;
  const footnoteParts = [
    hidden > 0 ? `Top ${shown.length} of ${chart.rows.length} shown.` : undefined,
    chart.footnote === undefined ? undefined : cleanText(chart.footnote),
  ].filter((part): part is string => part !== undefined && part !== "");
  const footnote = footnoteParts.length > 0 ? footnoteParts.join(" ") : undefined;

  const layoutInput = {
    rowCount: rows.length,
    hasSubtitle: subtitle !== undefined,
    hasSublabels: rows.some((r) => r.sublabel !== undefined),
    scoreTexts: rows.map((r) => r.scoreText),
    rangeTexts: rows.map((r) => r.rangeText),
    countTexts: rows.map((r) => r.countText),
    captions: words.captions,
  };
  // Measure with a scratch context first: the canvas size depends on the layout's height.
  const probe = createCanvas(1, 1).getContext("2d");
  const layout = computeLayout(probe, layoutInput, axisFor);
  const axis = layout.axis;

  const { ctx, encode } = startChart(layout);
  drawTitles(ctx, layout, cleanText(chart.title) || "Leaderboard", subtitle);
  if (rows.length === 0) {
    drawEmpty(ctx, layout, words.empty, words.emptyHint);
  } else {
    drawLegend(ctx, layout, words.scoreName, rows.some((r) => r.provisional) ? words.provisional : undefined);
    drawCaptions(ctx, layout, words.captions);
    // Layers, bottom up: row stripes, gridlines, then each row's text and marks.
    drawStripes(ctx, layout, rows.length);
    drawGrid(ctx, layout, axis, rows.length);
    const bars = kind === "share" ? { from: 0 } : undefined;
    rows.forEach((row, i) => drawRow(ctx, layout, row, i, bars, axis));
  }
  drawFooter(ctx, layout, footnote);
  return encode({ Title: cleanText(chart.title), Software: "personalab" });
}

function toDrawable(row: RankingRow, kind: "share" | "rating"): DrawableRow {
  const finite = (v: number, fallback: number) => (Number.isFinite(v) ? v : fallback);
  let score = finite(row.score, 0);
  if (kind === "share") score = Math.min(1, Math.max(0, score));
  const lower = Math.min(score, finite(row.lower, score));
  const upper = Math.max(score, finite(row.upper, score));
  const rankOk = Number.isFinite(row.rank);
  const label = cleanText(row.label) || "(unnamed)";
  const sublabel = row.sublabel === undefined ? undefined : cleanText(row.sublabel) || undefined;
  const fmt = kind === "share" ? formatPercent : formatRating;
  const rangeText =
    kind === "share"
      ? `${Math.round(lower * 100)}–${formatPercent(upper)}`
      : `${formatRating(lower)}–${formatRating(upper)}`;
  return {
    rank: rankOk ? String(row.rank) : "–",
    podium: !row.provisional && rankOk && row.rank >= 1 && row.rank <= 3 ? row.rank - 1 : undefined,
    label,
    sublabel,
    score,
    lower,
    upper,
    scoreText: fmt(score),
    rangeText,
    countText: formatCount(Math.max(0, finite(row.n, 0))),
    provisional: row.provisional,
  };
}
