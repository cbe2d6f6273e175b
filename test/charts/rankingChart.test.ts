import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { decode, ihdrSize, PNG_SIGNATURE } from "./pngHelpers.js";
import { registerChartFonts, font } from "../../src/charts/fonts.js";
import { type RankingChart, type RankingRow, MAX_CHART_ROWS, renderRankingChart } from "../../src/charts/rankingChart.js";
import { ratingAxis } from "../../src/charts/scale.js";
import { cleanText, fitText } from "../../src/charts/text.js";
import { CHART_WIDTH, PIXEL_RATIO, metrics } from "../../src/charts/theme.js";


const LONG_LABEL = "a persona whose name goes on and on well past what any column could hold";

function voteRows(count: number): RankingRow[] {
  return Array.from({ length: count }, (_, i) => ({
    rank: i + 1,
    label: i === 3 ? LONG_LABEL : `variant ${i + 1}`,
    score: 0.8 - i * 0.04,
    lower: i === 5 ? 0.05 : 0.72 - i * 0.04, // row 6: a very wide interval
    upper: i === 5 ? 0.97 : 0.87 - i * 0.04,
    n: i === 5 ? 3 : 150 - i * 9,
    provisional: i >= 9 || i === 5,
  }));
}

const shareChart = (rows: RankingRow[]): RankingChart => ({
  title: "Which persona do people prefer?",
  subtitle: "Approval share of community votes",
  scale: { kind: "share" },
  rows,
  footnote: "Intervals: 95% Wilson",
});

describe("renderRankingChart", () => {
  it("draws a twelve-row vote leaderboard as a PNG at twice the logical width", async () => {
    const png = await renderRankingChart(shareChart(voteRows(12)));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const { width, height } = ihdrSize(png);
    expect(width).toBe(CHART_WIDTH * PIXEL_RATIO);
    expect(height).toBeGreaterThan(12 * metrics.rowHeight * PIXEL_RATIO);

    const decoded = await decode(png);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    // The corner shows the dark theme background, #2b2d31, fully opaque.
    expect(decoded.pixel(0, 0)).toEqual([0x2b, 0x2d, 0x31, 255]);
    expect(decoded.pixel(width - 1, height - 1)).toEqual([0x2b, 0x2d, 0x31, 255]);
  });

  it("grows by one row height per extra row", async () => {
    const six = ihdrSize(await renderRankingChart(shareChart(voteRows(6))));
    const twelve = ihdrSize(await renderRankingChart(shareChart(voteRows(12))));
    expect(twelve.width).toBe(six.width);
    expect(twelve.height - six.height).toBe(6 * metrics.rowHeight * PIXEL_RATIO);
  });

  it("makes every row taller when any row has a sublabel", async () => {
    const plain = ihdrSize(await renderRankingChart(shareChart(voteRows(4))));
    const rows = voteRows(4).map((row, i) => (i === 0 ? { ...row, sublabel: "v2 · by @mira" } : row));
    const withSub = ihdrSize(await renderRankingChart(shareChart(rows)));
    expect(withSub.height - plain.height).toBe(4 * (metrics.rowHeightWithSublabel - metrics.rowHeight) * PIXEL_RATIO);
  });

  it("shows a 'No votes yet' card instead of throwing when nobody has voted", async () => {
    const png = await renderRankingChart(shareChart([]));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const { width, height } = ihdrSize(png);
    expect(width).toBe(CHART_WIDTH * PIXEL_RATIO);
    const decoded = await decode(png);
    expect(decoded.height).toBe(height);
    // The card is lighter than the page behind it.
    const cardCentre = decoded.pixel(width / 2 - 300, Math.round(height * 0.55));
    expect(cardCentre).not.toEqual([0x2b, 0x2d, 0x31, 255]);
  });

  it("draws a duel-rating chart, with or without a fixed axis, clipping rows that fall outside it", async () => {
    const rows: RankingRow[] = [
      { rank: 1, label: "scientist v4", score: 1128, lower: 1086, upper: 1162, n: 412, provisional: false },
      { rank: 2, label: "therapist-warm v2", score: 1096, lower: 1051, upper: 1133, n: 388, provisional: false },
      { rank: 3, label: "Ada (Lovelace letters) v3", score: 1088, lower: 900, upper: 1290, n: 22, provisional: true },
      { rank: 4, label: "cheerleader v2", score: 874, lower: 742, upper: 982, n: 31, provisional: true },
    ];
    for (const scale of [{ kind: "rating" } as const, { kind: "rating", min: 950, max: 1150 } as const]) {
      const png = await renderRankingChart({ title: "Persona duels", scale, rows, footnote: "95% bootstrap intervals" });
      const decoded = await decode(png);
      expect(decoded.width).toBe(CHART_WIDTH * PIXEL_RATIO);
      expect(decoded.height).toBe(ihdrSize(png).height);
    }
    const empty = await renderRankingChart({ title: "Persona duels", scale: { kind: "rating" }, rows: [] });
    expect((await decode(empty)).width).toBe(CHART_WIDTH * PIXEL_RATIO);
  });

  it("draws at most MAX_CHART_ROWS rows", async () => {
    const many = Array.from({ length: MAX_CHART_ROWS + 10 }, (_, i) => ({ ...voteRows(1)[0]!, rank: i + 1 }));
    const capped = ihdrSize(await renderRankingChart(shareChart(many)));
    const exact = ihdrSize(await renderRankingChart(shareChart(many.slice(0, MAX_CHART_ROWS))));
    expect(capped.height).toBe(exact.height);
  });

  it("survives odd input: NaN scores, reversed intervals, emoji-only labels", async () => {
    const rows: RankingRow[] = [
      { rank: 1, label: "🔥🔥", score: Number.NaN, lower: 0.9, upper: 0.1, n: Number.NaN, provisional: false },
      { rank: Number.NaN, label: "", score: 1.4, lower: -1, upper: 2, n: -3, provisional: true },
    ];
    const png = await renderRankingChart(shareChart(rows));
    expect((await decode(png)).width).toBe(CHART_WIDTH * PIXEL_RATIO);
  });
});

describe("chart text", () => {
  it("shortens a label that is too long with an ellipsis, and leaves a short one alone", () => {
    registerChartFonts();
    const ctx = createCanvas(10, 10).getContext("2d");
    ctx.font = font(600, metrics.labelSize);
    const fitted = fitText(ctx, LONG_LABEL, metrics.labelWidth);
    expect(fitted.endsWith("…")).toBe(true);
    expect(LONG_LABEL.startsWith(fitted.slice(0, -1))).toBe(true);
    expect(ctx.measureText(fitted).width).toBeLessThanOrEqual(metrics.labelWidth);
    expect(fitText(ctx, "variant 1", metrics.labelWidth)).toBe("variant 1");
  });

  it("drops emoji, which no bundled font can draw, and keeps accented and Cyrillic letters", () => {
    expect(cleanText("🌿 gardener 👩🏽‍🔬 v2 🇫🇷")).toBe("gardener v2");
    expect(cleanText("Łódź critic · Привет")).toBe("Łódź critic · Привет");
  });
});

describe("rating axis", () => {
  it("spans the intervals with round-number ticks that fit the plot", () => {
    const axis = ratingAxis([742, 874, 982, 1086, 1128, 1223], undefined, undefined, 6);
    expect(axis.min).toBeLessThan(742);
    expect(axis.max).toBeGreaterThan(1223);
    expect(axis.ticks).toEqual([800, 900, 1000, 1100, 1200]);
  });

  it("keeps a readable span for a lone contestant or a fixed bound beyond all the data", () => {
    for (const axis of [ratingAxis([1000, 1000, 1000]), ratingAxis([900, 1000], 1200), ratingAxis([900, 1000], Number.NaN, 800)]) {
      expect(axis.max - axis.min).toBeGreaterThanOrEqual(50);
      expect(axis.ticks.length).toBeGreaterThanOrEqual(1);
      for (const t of axis.ticks) expect(t >= axis.min && t <= axis.max).toBe(true);
    }
  });
});
