import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { drawBackground, drawEmpty, drawFooter, drawGrid, drawHatch, drawTitles, drawWhisker } from "./drawFrame.js";
import { drawStripes, drawTag } from "./drawRow.js";
import { font, registerChartFonts } from "./fonts.js";
import { type Layout, setCaptionFont, verticalLayout } from "./layout.js";
import { encodeOpaquePng } from "./png.js";
import { type Axis, niceStep, ticksBetween } from "./scale.js";
import { cleanText, fillTabularRight, fitText, measureTabular } from "./text.js";
import { CHART_WIDTH, PIXEL_RATIO, metrics as m, theme } from "./theme.js";

export type ForestStatus = "finding" | "no detectable effect" | "not enough evidence yet";

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
const NEEDS_DATA_TAG = "NEEDS DATA";
const LEGEND = { finding: "Finding", none: "No detectable effect", early: "Not enough evidence yet", pooled: "Pooled over forks" };
const CAPTIONS = { label: "FEATURE", pp: "EFFECT", elo: "ELO EFFECT", interval: "95% CI" };
const MINUS = "\u2212";
/** An em dash: an en dash in bold reads as a minus sign. */
const NO_NUMBER = "—";
const NO_ESTIMATE = "no estimate yet";
const DIRECTION = { lower: "← LOWER", higher: "HIGHER →" };

/** Half the axis span at least, so a handful of near-zero effects do not look like large ones. */
const MIN_HALF_SPAN = { pp: 5, elo: 20 };
/** Logical pixels per tick, at least: "−10 pp" is ~40 px at 12 px, "+100" ~28 px. */
const MIN_TICK_SPACING = { pp: 50, elo: 44 };
/** The shorter side of zero gets at least this share of the longer, so 0 never sits on the plot's edge. */
const MIN_SIDE_SHARE = 0.25;
/** Height of the bar from zero to a finding's estimate: thinner than the leaderboard's 14 px, so the interval reads first. */
const BAR_HEIGHT = 10;
const LABEL_WIDTH = m.rankWidth + m.labelWidth;

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

  const pixelWidth = Math.round(layout.width * PIXEL_RATIO);
  const pixelHeight = Math.round(layout.height * PIXEL_RATIO);
  const canvas = createCanvas(pixelWidth, pixelHeight);
  const ctx = canvas.getContext("2d");
  ctx.scale(PIXEL_RATIO, PIXEL_RATIO);
  drawBackground(ctx, layout);
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
  return encodeOpaquePng(canvas.data(), pixelWidth, pixelHeight, { Title: content.title, Software: "personalab" });
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
      status: row.status in STYLES ? row.status : "no detectable effect",
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
function signed(value: number, decimals: number, plus: boolean): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return text;
  return value < 0 ? `${MINUS}${text}` : plus ? `+${text}` : text;
}

/**
 * An axis that holds zero and every interval, with zero as its reference line. Effects have a
 * natural zero, so unlike a rating axis it is never cropped away from it, and the shorter side
 * keeps some room so an all-positive plot still shows where "no effect" is.
 */
export function forestAxis(values: number[], unit: "pp" | "elo", plotWidth: number): Axis {
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  const reach = Math.max(-lo, hi);
  lo = Math.min(lo, -reach * MIN_SIDE_SHARE);
  hi = Math.max(hi, reach * MIN_SIDE_SHARE);
  const minSpan = 2 * MIN_HALF_SPAN[unit];
  if (hi - lo < minSpan) {
    const pad = (minSpan - (hi - lo)) / 2;
    lo -= pad;
    hi += pad;
  }
  const air = (hi - lo) * 0.04;
  const min = lo - air;
  const max = hi + air;
  const step = niceStep(max - min, Math.max(2, Math.floor(plotWidth / MIN_TICK_SPACING[unit])));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const format = (value: number) => {
    const text = signed(value, decimals, true);
    return unit === "pp" && Number(text) !== 0 ? `${text} pp` : text.replace(/^\+?0(\.0+)?$/, "0");
  };
  return { min, max, ticks: ticksBetween(min, max, step), reference: 0, format };
}

/**
 * Heights as in the leaderboard (`verticalLayout`); widths from the measured numbers. The label
 * column takes the leaderboard's rank and label columns, so the plot starts where theirs does;
 * on the right an estimate column and an interval column, and no count column.
 */
export function computeForestLayout(ctx: SKRSContext2D, content: ForestContent): Layout {
  const v = verticalLayout({
    rowCount: content.rows.length,
    hasSubtitle: content.subtitle !== undefined,
    hasSublabels: content.rows.some((r) => r.sublabel !== undefined),
  });
  const width = CHART_WIDTH;
  const labelLeft = m.padX;

  ctx.font = font(700, m.valueSize);
  const estimateWidth = widest(ctx, content.rows.map((r) => r.estimateText));
  ctx.font = font(400, m.smallSize);
  const intervalWidth = widest(ctx, content.rows.map((r) => r.intervalText));
  setCaptionFont(ctx);
  const scoreWidth = Math.ceil(Math.max(estimateWidth, ctx.measureText(CAPTIONS[content.unit]).width));
  const rangeWidth = Math.ceil(Math.max(intervalWidth, ctx.measureText(CAPTIONS.interval).width));
  ctx.letterSpacing = "0px";

  const rangeRight = width - m.padX;
  const scoreRight = rangeRight - rangeWidth - m.gap;
  const plotLeft = labelLeft + LABEL_WIDTH + m.gap + 8;
  const plotRight = scoreRight - scoreWidth - m.gap - 12;
  const values = content.rows.flatMap((r) => [r.estimate, r.lower, r.upper]).filter((x): x is number => x !== undefined);
  const axis = forestAxis(values, content.unit, plotRight - plotLeft);
  const span = axis.max - axis.min;
  const x = (value: number) => plotLeft + ((value - axis.min) / span) * (plotRight - plotLeft);

  return {
    ...v,
    width,
    rankRight: labelLeft,
    labelLeft,
    labelWidth: LABEL_WIDTH,
    plotLeft,
    plotRight,
    scoreRight,
    rangeRight,
    countRight: rangeRight,
    axis,
    x,
  };
}

function widest(ctx: SKRSContext2D, texts: string[]): number {
  return texts.reduce((w, t) => Math.max(w, measureTabular(ctx, t)), 0);
}

interface StatusStyle {
  label: string;
  value: string;
  whisker: string;
  /** Marker fill and ring; a hollow marker is filled with the background. */
  fill: string;
  ring: string;
  bar: "solid" | "hatch" | "none";
}

const STYLES: Record<ForestStatus, StatusStyle> = {
  finding: { label: theme.text, value: theme.text, whisker: theme.whisker, fill: theme.accent, ring: theme.background, bar: "solid" },
  "no detectable effect": { label: theme.text, value: theme.muted, whisker: theme.provisional, fill: theme.provisional, ring: theme.background, bar: "none" },
  "not enough evidence yet": { label: theme.muted, value: theme.faint, whisker: theme.faint, fill: theme.background, ring: theme.provisional, bar: "hatch" },
};

function drawForestRow(ctx: SKRSContext2D, layout: Layout, row: DrawableForestRow, index: number): void {
  const top = layout.rowsTop + index * layout.rowHeight;
  const cy = top + layout.rowHeight / 2;
  const style = STYLES[row.status];

  ctx.textBaseline = "middle";
  let textWidth = layout.labelWidth;
  if (row.status === "not enough evidence yet") textWidth -= drawTag(ctx, NEEDS_DATA_TAG, layout.labelLeft + layout.labelWidth, cy) + 10;
  ctx.textAlign = "left";
  ctx.font = font(600, m.labelSize);
  ctx.fillStyle = style.label;
  fillTextWithArrows(ctx, row.label, layout.labelLeft, row.sublabel === undefined ? cy : cy - 8, textWidth);
  if (row.sublabel !== undefined) {
    ctx.font = font(400, m.sublabelSize);
    ctx.fillStyle = theme.faint;
    fillTextWithArrows(ctx, row.sublabel, layout.labelLeft, cy + 10, textWidth);
  }

  drawEffect(ctx, layout, row, style, cy);

  ctx.font = font(700, m.valueSize);
  ctx.fillStyle = style.value;
  fillTabularRight(ctx, row.estimateText, layout.scoreRight, cy);
  ctx.font = font(400, m.smallSize);
  ctx.fillStyle = theme.faint;
  fillTabularRight(ctx, row.intervalText, layout.rangeRight, cy);
}

/** Bar from zero (findings solid, weak evidence hatched), interval with caps, then the estimate's marker on top. */
function drawEffect(ctx: SKRSContext2D, layout: Layout, row: DrawableForestRow, style: StatusStyle, cy: number): void {
  const x0 = layout.x(0);
  if (row.estimate === undefined) {
    ctx.font = font(400, m.smallSize);
    ctx.fillStyle = theme.faint;
    const fitsRight = x0 + 10 + ctx.measureText(NO_ESTIMATE).width <= layout.plotRight;
    ctx.textAlign = fitsRight ? "left" : "right";
    ctx.fillText(NO_ESTIMATE, fitsRight ? x0 + 10 : x0 - 10, cy);
    return;
  }
  const xe = layout.x(row.estimate);
  const barLeft = Math.min(x0, xe);
  const barWidth = Math.abs(xe - x0);
  if (style.bar === "solid") {
    ctx.fillStyle = theme.accentBar;
    ctx.fillRect(barLeft, cy - BAR_HEIGHT / 2, barWidth, BAR_HEIGHT);
  } else if (style.bar === "hatch") {
    drawHatch(ctx, barLeft, cy - BAR_HEIGHT / 2, barWidth, BAR_HEIGHT);
  }
  if (row.lower !== undefined && row.upper !== undefined) drawWhisker(ctx, layout.x(row.lower), layout.x(row.upper), cy, style.whisker);
  drawMarker(ctx, xe, cy, row.pooled, style);
}

/** A dot, or a diamond for a pooled estimate, ringed in the background colour so it stands off the interval line. */
function drawMarker(ctx: SKRSContext2D, x: number, y: number, diamond: boolean, style: Pick<StatusStyle, "fill" | "ring">): void {
  ctx.beginPath();
  if (diamond) {
    const r = m.dotRadius + 1.5;
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
    ctx.closePath();
  } else {
    ctx.arc(x, y, m.dotRadius, 0, Math.PI * 2);
  }
  ctx.fillStyle = style.fill;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.lineJoin = "round";
  ctx.strokeStyle = style.ring;
  ctx.stroke();
}

/** The three statuses as their row marks, then the diamond when any row is pooled. */
function drawForestLegend(ctx: SKRSContext2D, layout: Layout, hasPooled: boolean): void {
  if (layout.legendY === undefined) return;
  const y = layout.legendY;
  const right = layout.width - m.padX;
  let x = m.padX;
  ctx.font = font(400, m.legendSize);
  ctx.textBaseline = "middle";
  const item = (text: string, mark: (left: number) => void, markWidth = 26) => {
    if (x >= right) return;
    mark(x);
    x += markWidth + 8;
    ctx.font = font(400, m.legendSize);
    ctx.textAlign = "left";
    ctx.fillStyle = theme.muted;
    const fitted = fitText(ctx, text, right - x);
    ctx.fillText(fitted, x, y);
    x += ctx.measureText(fitted).width + 22;
  };
  const whiskerMark = (status: ForestStatus) => (left: number) => {
    const style = STYLES[status];
    if (style.bar === "hatch") drawHatch(ctx, left, y - BAR_HEIGHT / 2, 26, BAR_HEIGHT);
    drawWhisker(ctx, left, left + 26, y, style.whisker);
    drawMarker(ctx, left + 13, y, false, style);
  };
  item(LEGEND.finding, whiskerMark("finding"));
  item(LEGEND.none, whiskerMark("no detectable effect"));
  item(LEGEND.early, whiskerMark("not enough evidence yet"));
  if (hasPooled) item(LEGEND.pooled, (left) => drawMarker(ctx, left + 7, y, true, { fill: theme.muted, ring: theme.background }), 14);
}

/** Column captions, and which way is up on either side of the zero line. */
function drawForestCaptions(ctx: SKRSContext2D, layout: Layout, unit: "pp" | "elo"): void {
  const y = layout.headerY;
  ctx.textBaseline = "middle";
  setCaptionFont(ctx);
  ctx.fillStyle = theme.faint;
  ctx.textAlign = "left";
  ctx.fillText(CAPTIONS.label, layout.labelLeft, y);
  ctx.textAlign = "right";
  ctx.fillText(CAPTIONS[unit], layout.scoreRight, y);
  ctx.fillText(CAPTIONS.interval, layout.rangeRight, y);

  // Only where each fits on its side of zero: an all-positive plot leaves little room on the left.
  const x0 = layout.x(0);
  ctx.textAlign = "left";
  const lowerWidth = measureWithArrows(ctx, DIRECTION.lower);
  const higherWidth = measureWithArrows(ctx, DIRECTION.higher);
  if (x0 - lowerWidth >= layout.plotLeft) fillTextWithArrows(ctx, DIRECTION.lower, x0 - 8 - lowerWidth, y, lowerWidth + 1);
  if (x0 + higherWidth <= layout.plotRight) fillTextWithArrows(ctx, DIRECTION.higher, x0 + 8, y, higherWidth + 1);
  ctx.letterSpacing = "0px";
}

/**
 * The bundled Inter subsets have no arrows (U+2190–21FF), and feature labels are written with
 * them ("warmth 0.8 → 0.4"), so each → or ← holds an em space's room and is drawn as lines.
 * Cleaned text has no em spaces of its own (`cleanText` collapses whitespace), so none is mistaken for an arrow.
 */
const ARROW = /[←→]/g;
const ARROW_SLOT = "\u2003";

function measureWithArrows(ctx: SKRSContext2D, text: string): number {
  return ctx.measureText(text.replace(ARROW, ARROW_SLOT)).width;
}

/** Left-aligned, middle-baseline text shortened to `maxWidth` like `fitText`, with arrows drawn in the fill colour. */
function fillTextWithArrows(ctx: SKRSContext2D, text: string, x: number, y: number, maxWidth: number): void {
  const directions = Array.from(text.matchAll(ARROW), (match) => (match[0] === "←" ? -1 : 1));
  const parts = fitText(ctx, text.replace(ARROW, ARROW_SLOT), maxWidth).split(ARROW_SLOT);
  const slot = ctx.measureText(ARROW_SLOT).width;
  const size = parseFloat(/(\d+(?:\.\d+)?)px/.exec(ctx.font)?.[1] ?? "15");
  let cx = x;
  parts.forEach((part, i) => {
    ctx.fillText(part, cx, y);
    cx += ctx.measureText(part).width;
    if (i === parts.length - 1) return;
    drawArrow(ctx, cx + slot * 0.12, cx + slot * 0.88, y, directions[i] ?? 1, size);
    cx += slot;
  });
}

/** A line with an open head at `direction`'s end, weighted like text of `size` px. */
function drawArrow(ctx: SKRSContext2D, x0: number, x1: number, y: number, direction: number, size: number): void {
  const tip = direction < 0 ? x0 : x1;
  const head = size * 0.26;
  ctx.save();
  ctx.strokeStyle = ctx.fillStyle;
  ctx.lineWidth = Math.max(1, size * 0.1);
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.beginPath();
  ctx.moveTo(x0, y);
  ctx.lineTo(x1, y);
  ctx.moveTo(tip - direction * head, y - head);
  ctx.lineTo(tip, y);
  ctx.lineTo(tip - direction * head, y + head);
  ctx.stroke();
  ctx.restore();
}
