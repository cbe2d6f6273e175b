import { createCanvas } from "@napi-rs/canvas";
import { drawEmpty, drawFooter, drawGrid, drawTitles, startChart } from "./drawFrame.js";
import { drawStripes } from "./drawRow.js";
import { registerChartFonts } from "./fonts.js";
import { drawForestCaptions, drawForestLegend, drawForestRow } from "./forestDraw.js";
import { computeForestLayout, signed } from "./forestLayout.js";
import { cleanText } from "./text.js";

export type ForestStatus = "finding" | "no detectable effect" | "not enough evidence yet";
const STATUSES: readonly ForestStatus[] = ["finding", "no detectable effect", "not enough evidence yet"];

export interface ForestRow {
  /** "warmth 0.8 → 0.4" or "honesty: principle → examples". */
  label: string;
  /** "9 forks · 4 families" or "model of all variants". */
  sublabel?: string;
  /** In the chart's unit. A non-finite estimate (nothing to estimate yet) draws no mark. */
  estimate: number;
  lower: number;
  upper: number;
  status: ForestStatus;
  /** An estimate pooled over single-change forks: drawn as a diamond instead of a dot. */
  pooled?: boolean;
}

export interface ForestPlot {
  title: string;
  subtitle?: string;
  /** Percentage points (axis labels "+10 pp") or Elo points ("+40"). */
  unit: "pp" | "elo";
  /** Drawn top to bottom in this order: put the rows that matter first, since the rest may be cut. */
  rows: ForestRow[];
  footnote?: string;
}

/** Fewer rows than a leaderboard: each is an effect to read, not a name to find. The rest are counted in the footer. */
export const MAX_FOREST_ROWS = 30;

/** One effect, cleaned and formatted for drawing. `estimate` is undefined when there is none. */
export interface DrawableForestRow {
  label: string;
  sublabel: string | undefined;
  estimate: number | undefined;
  lower: number | undefined;
  upper: number | undefined;
  status: ForestStatus;
  pooled: boolean;
  estimateText: string;
  intervalText: string;
}

/** What `renderForestPlot` draws: the rows that fit, how many did not, and the texts around them. */
export interface ForestContent {
  title: string;
  subtitle: string | undefined;
  unit: "pp" | "elo";
  rows: DrawableForestRow[];
  hidden: number;
  footnote: string | undefined;
}

const EMPTY = "No findings yet";
const EMPTY_HINT = "Insights appear once forks that change one feature have votes, duels or probe results.";
/** An em dash: an en dash in bold reads as a minus sign. */
const NO_NUMBER = "—";


/**
 * Draws the effects of persona-spec features as a forest plot PNG, in the leaderboard's style:
 * one row per effect with its label, the estimate and its 95% interval on an axis around zero,
 * and the numbers on the right. Findings are drawn in the accent colour with a bar from zero,
 * effects not told apart from zero in grey, and those without enough evidence hatched, dimmed and
 * tagged. The first `MAX_FOREST_ROWS` rows are drawn and the footer counts the rest; no rows
 * draw a "No findings yet" card.
 *
 * @example
 * const png = await renderForestPlot({
 *   title: "What makes replies preferred?",
 *   unit: "pp",
 *   rows: [{ label: "warmth 0.9 → 0.5", sublabel: "9 forks · 4 families", estimate: -12, lower: -20, upper: -4, status: "finding", pooled: true }],
 * });
 * await channel.send({ files: [{ attachment: png, name: "insights.png" }] });
 */
export function renderForestPlot(plot: ForestPlot): Promise<Buffer> {
  registerChartFonts();
  const content = prepareForestPlot(plot);
  // Measure with a scratch context first: the canvas size depends on the layout's height.
  const layout = computeForestLayout(createCanvas(1, 1).getContext("2d"), content);

  const { ctx, encode } = startChart(layout);
  drawTitles(ctx, layout, content.title, content.subtitle);
  if (content.rows.length === 0) {
    drawEmpty(ctx, layout, EMPTY, EMPTY_HINT);
  } else {
    drawForestLegend(ctx, layout, content.rows.some((r) => r.pooled && r.estimate !== undefined));
    drawForestCaptions(ctx, layout, content.unit);
    // Layers, bottom up: row stripes, gridlines and the zero line, then each row's text and marks.
    drawStripes(ctx, layout, content.rows.length);
    drawGrid(ctx, layout, layout.axis, content.rows.length);
    content.rows.forEach((row, i) => drawForestRow(ctx, layout, row, i));
  }
  drawFooter(ctx, layout, content.footnote);
  return encode({ Title: content.title, Software: "personalab" });
}

/** Cleans the texts, caps the rows at `MAX_FOREST_ROWS` and formats every number the plot prints. */
export function prepareForestPlot(plot: ForestPlot): ForestContent {
  const shown = plot.rows.slice(0, MAX_FOREST_ROWS);
  const hidden = plot.rows.length - shown.length;
  const numbers = shown.map(sanitise);
  const values = numbers.flatMap((n) => [n.estimate, n.lower, n.upper]).filter((v): v is number => v !== undefined);
  // Small pp effects get a decimal, so "+0.4 pp" is not printed as "+0 pp".
  const decimals = plot.unit === "pp" && values.length > 0 && Math.max(...values.map(Math.abs)) < 10 ? 1 : 0;
  const unitSuffix = plot.unit === "pp" ? " pp" : "";
  const rows = shown.map((row, i): DrawableForestRow => {
    const { estimate, lower, upper } = numbers[i]!;
    const sublabel = row.sublabel === undefined ? undefined : cleanText(row.sublabel) || undefined;
    return {
      label: cleanText(row.label) || "(unnamed)",
      sublabel,
      estimate,
      lower,
      upper,
      status: STATUSES.includes(row.status) ? row.status : "no detectable effect",
      pooled: row.pooled === true,
      estimateText: estimate === undefined ? NO_NUMBER : `${signed(estimate, decimals, true)}${unitSuffix}`,
      intervalText: lower === undefined || upper === undefined ? NO_NUMBER : `${signed(lower, decimals, false)} to ${signed(upper, decimals, false)}`,
    };
  });
  const footnoteParts = [
    hidden > 0 ? `…and ${hidden} more ${hidden === 1 ? "effect" : "effects"} not shown.` : undefined,
    plot.footnote === undefined ? undefined : cleanText(plot.footnote),
  ].filter((part): part is string => part !== undefined && part !== "");
  const subtitle = plot.subtitle === undefined ? undefined : cleanText(plot.subtitle) || undefined;
  return {
    title: cleanText(plot.title) || "Insights",
    subtitle,
    unit: plot.unit,
    rows,
    hidden,
    footnote: footnoteParts.length > 0 ? footnoteParts.join(" ") : undefined,
  };
}

/** Finite numbers only, with the interval around the estimate; a missing bound leaves the interval unknown. */
function sanitise(row: ForestRow): { estimate: number | undefined; lower: number | undefined; upper: number | undefined } {
  if (!Number.isFinite(row.estimate)) return { estimate: undefined, lower: undefined, upper: undefined };
  if (!Number.isFinite(row.lower) || !Number.isFinite(row.upper)) return { estimate: row.estimate, lower: undefined, upper: undefined };
  const [lo, hi] = row.lower <= row.upper ? [row.lower, row.upper] : [row.upper, row.lower];
  return { estimate: row.estimate, lower: Math.min(lo, row.estimate), upper: Math.max(hi, row.estimate) };
}

/** "+14", "−3.5", "0"; `plus` false leaves positive numbers unsigned, as interval bounds are printed. */
