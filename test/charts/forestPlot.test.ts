import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { decode, ihdrSize } from "./pngHelpers.js";
import {
  type ForestPlot,
  type ForestRow,
  MAX_FOREST_ROWS,
  prepareForestPlot,
  renderForestPlot,
} from "../../src/charts/forestPlot.js";
import { computeForestLayout, forestAxis } from "../../src/charts/forestLayout.js";
import { registerChartFonts } from "../../src/charts/fonts.js";
import { CHART_WIDTH, PIXEL_RATIO, metrics } from "../../src/charts/theme.js";

const BACKGROUND = [0x2b, 0x2d, 0x31, 255];
const ACCENT = [0x8c, 0x95, 0xff, 255];

const statuses = ["finding", "no detectable effect", "not enough evidence yet"] as const;

function effects(count: number, sublabels = false): ForestRow[] {
  return Array.from({ length: count }, (_, i) => ({
    label: `warmth 0.${i % 10} → 0.${(i + 4) % 10}`,
    sublabel: sublabels ? `${i + 3} forks · 2 families` : undefined,
    estimate: i % 2 === 0 ? 8 + i : -6 - i,
    lower: i % 2 === 0 ? 2 + i : -14 - i,
    upper: i % 2 === 0 ? 15 + i : 1 - i,
    status: statuses[i % 3]!,
    pooled: i % 4 === 0,
  }));
}

const plot = (rows: ForestRow[], extra: Partial<ForestPlot> = {}): ForestPlot => ({
  title: "What changes how people vote?",
  subtitle: "Effect of one spec change on approval",
  unit: "pp",
  rows,
  ...extra,
});

describe("renderForestPlot", () => {
  it("draws a forest plot as a well-formed PNG at twice the chart width on the dark background", async () => {
    const png = await renderForestPlot(plot(effects(5, true), { footnote: "Intervals: 95%." }));
    const { width, height } = ihdrSize(png);
    expect(width).toBe(CHART_WIDTH * PIXEL_RATIO);
    expect(height).toBeGreaterThan(5 * metrics.rowHeightWithSublabel * PIXEL_RATIO);
    const decoded = await decode(png);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(decoded.pixel(0, 0)).toEqual(BACKGROUND);
    expect(decoded.pixel(width - 1, height - 1)).toEqual(BACKGROUND);
  });

  it("grows by one row height per extra effect, taller rows when any has a sublabel", async () => {
    const three = ihdrSize(await renderForestPlot(plot(effects(3))));
    const seven = ihdrSize(await renderForestPlot(plot(effects(7))));
    expect(seven.height - three.height).toBe(4 * metrics.rowHeight * PIXEL_RATIO);
    const threeSub = ihdrSize(await renderForestPlot(plot(effects(3, true))));
    expect(threeSub.height - three.height).toBe(3 * (metrics.rowHeightWithSublabel - metrics.rowHeight) * PIXEL_RATIO);
  });

  it("draws a finding's estimate in the accent colour and a null effect without it", async () => {
    const rows: ForestRow[] = [
      { label: "honesty: principle → examples", estimate: 14, lower: 4, upper: 24, status: "finding" },
      { label: 'added "Boundaries"', estimate: 3, lower: -6, upper: 13, status: "no detectable effect" },
    ];
    const decoded = await decode(await renderForestPlot(plot(rows, { subtitle: undefined })));
    registerChartFonts();
    const layout = computeForestLayout(createCanvas(1, 1).getContext("2d"), prepareForestPlot(plot(rows, { subtitle: undefined })));
    const rowHasAccent = (i: number) => {
      const top = Math.round((layout.rowsTop + i * layout.rowHeight) * PIXEL_RATIO);
      const bottom = Math.round((layout.rowsTop + (i + 1) * layout.rowHeight) * PIXEL_RATIO);
      for (let y = top; y < bottom; y++) {
        for (let x = Math.floor(layout.plotLeft * PIXEL_RATIO); x < layout.plotRight * PIXEL_RATIO; x++) {
          if (decoded.pixel(x, y).every((v, k) => v === ACCENT[k])) return true;
        }
      }
      return false;
    };
    expect(rowHasAccent(0)).toBe(true);
    expect(rowHasAccent(1)).toBe(false);
  });

  it("shows a 'No findings yet' card when there are no effects", async () => {
    const png = await renderForestPlot(plot([]));
    const { width, height } = ihdrSize(png);
    expect(width).toBe(CHART_WIDTH * PIXEL_RATIO);
    const decoded = await decode(png);
    expect(decoded.height).toBe(height);
    // The card is lighter than the page behind it.
    expect(decoded.pixel(width / 2 - 300, Math.round(height * 0.55))).not.toEqual(BACKGROUND);
  });

  it("survives long labels, emoji, reversed intervals and missing numbers", async () => {
    const rows: ForestRow[] = [
      { label: "a feature change whose description runs on → and on, far past the label column 🎉🎉", sublabel: "🔥", estimate: 5, lower: 9, upper: -2, status: "finding" },
      { label: "🛡️", estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN, status: "not enough evidence yet" },
      { label: "candor 0.4 → 0.8", estimate: 4, lower: Number.NEGATIVE_INFINITY, upper: 9, status: "not enough evidence yet", pooled: true },
    ];
    const png = await renderForestPlot(plot(rows, { title: "🚀", footnote: "✨" }));
    expect((await decode(png)).width).toBe(CHART_WIDTH * PIXEL_RATIO);

    const content = prepareForestPlot(plot(rows));
    expect(content.rows.map((r) => r.label)).toEqual([rows[0]!.label.replace(" 🎉🎉", ""), "(unnamed)", "candor 0.4 → 0.8"]);
    expect(content.rows[0]!.sublabel).toBeUndefined();
    expect(content.rows[0]!.intervalText).toBe("−2.0 to 9.0");
    expect(content.rows[1]!.estimateText).toBe("—");
    expect(content.rows[2]!.intervalText).toBe("—");
  });

  it("draws at most MAX_FOREST_ROWS effects and says in the footer how many more there are", async () => {
    const many = effects(MAX_FOREST_ROWS + 12);
    const content = prepareForestPlot(plot(many, { footnote: "Intervals: 95%." }));
    expect(content.rows).toHaveLength(MAX_FOREST_ROWS);
    expect(content.hidden).toBe(12);
    expect(content.footnote).toBe("…and 12 more effects not shown. Intervals: 95%.");
    expect(prepareForestPlot(plot(effects(MAX_FOREST_ROWS))).footnote).toBeUndefined();

    const capped = ihdrSize(await renderForestPlot(plot(many)));
    const exact = ihdrSize(await renderForestPlot(plot(many.slice(0, MAX_FOREST_ROWS))));
    expect(capped.height).toBe(exact.height);
  });
});

describe("forest plot numbers", () => {
  it("prints signed estimates with the unit and intervals as 'a to b', with a decimal only for small effects", () => {
    const big = prepareForestPlot(plot([{ label: "x", estimate: 14.2, lower: 4.1, upper: 24.3, status: "finding" }, { label: "y", estimate: -11.6, lower: -19.8, upper: -3.2, status: "finding" }]));
    expect(big.rows.map((r) => [r.estimateText, r.intervalText])).toEqual([
      ["+14 pp", "4 to 24"],
      ["−12 pp", "−20 to −3"],
    ]);
    const small = prepareForestPlot(plot([{ label: "x", estimate: 0.4, lower: -0.8, upper: 1.7, status: "no detectable effect" }]));
    expect(small.rows[0]!.estimateText).toBe("+0.4 pp");
    const elo = prepareForestPlot(plot([{ label: "x", estimate: 46.4, lower: 18, upper: 74, status: "finding" }], { unit: "elo" }));
    expect([elo.rows[0]!.estimateText, elo.rows[0]!.intervalText]).toEqual(["+46", "18 to 74"]);
  });

  it("spans zero and every interval, with zero as a labelled reference tick", () => {
    const axis = forestAxis([14, 4, 24, -12, -20, -3], "pp", 300);
    expect(axis.min).toBeLessThan(-20);
    expect(axis.max).toBeGreaterThan(24);
    expect(axis.reference).toBe(0);
    expect(axis.ticks).toContain(0);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of axis.ticks) expect(t >= axis.min && t <= axis.max).toBe(true);
    expect(axis.format(10)).toBe("+10 pp");
    expect(axis.format(-10)).toBe("−10 pp");
    expect(axis.format(0)).toBe("0");
    expect(forestAxis([40], "elo", 300).format(40)).toBe("+40");
  });

  it("keeps room on both sides of zero when every effect is positive, and a readable span for tiny ones", () => {
    const positive = forestAxis([30, 50, 80], "elo", 300);
    expect(-positive.min).toBeGreaterThanOrEqual(80 * 0.25);
    const tiny = forestAxis([0.2, -0.1, 0.3], "pp", 300);
    expect(tiny.max - tiny.min).toBeGreaterThanOrEqual(10);
    expect(forestAxis([], "pp", 300).ticks).toContain(0);
  });
});
