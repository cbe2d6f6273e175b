import type { SKRSContext2D } from "@napi-rs/canvas";
import type { ForestContent } from "./forestPlot.js";
import { font } from "./fonts.js";
import { type Layout, setCaptionFont, verticalLayout } from "./layout.js";
import { type Axis, niceStep, ticksBetween } from "./scale.js";
import { measureTabular } from "./text.js";
import { CHART_WIDTH, metrics as m } from "./theme.js";

/** Column captions, shared by the layout (their widths) and the drawing. */
export const CAPTIONS = { label: "FEATURE", pp: "EFFECT", elo: "ELO EFFECT", interval: "95% CI" };
/** Half the axis span at least, so a handful of near-zero effects do not look like large ones. */
const MIN_HALF_SPAN = { pp: 5, elo: 20 };
/** Logical pixels per tick, at least: "−10 pp" is ~40 px at 12 px, "+100" ~28 px. */
const MIN_TICK_SPACING = { pp: 50, elo: 44 };
/** The shorter side of zero gets at least this share of the longer, so 0 never sits on the plot's edge. */
const MIN_SIDE_SHARE = 0.25;
const LABEL_WIDTH = m.rankWidth + m.labelWidth;

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

const MINUS = "\u2212";

/** A number with a true minus sign (and a plus when asked), "0" never signed. */
export function signed(value: number, decimals: number, plus: boolean): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return text;
  return value < 0 ? `${MINUS}${text}` : plus ? `+${text}` : text;
}
