import type { SKRSContext2D } from "@napi-rs/canvas";
import { font } from "./fonts.js";
import type { Axis } from "./scale.js";
import { measureTabular } from "./text.js";
import { CHART_WIDTH, metrics as m } from "./theme.js";

/** Where everything goes, in logical pixels. Heights depend only on the data; widths on measured text. */
export interface Layout {
  width: number;
  height: number;
  rowHeight: number;
  titleY: number;
  subtitleY: number | undefined;
  legendY: number | undefined;
  headerY: number;
  rowsTop: number;
  ticksY: number;
  footerY: number;
  rankRight: number;
  labelLeft: number;
  labelWidth: number;
  plotLeft: number;
  plotRight: number;
  scoreRight: number;
  rangeRight: number;
  countRight: number;
  axis: Axis;
  x: (value: number) => number;
}

export interface LayoutInput {
  rowCount: number;
  hasSubtitle: boolean;
  hasSublabels: boolean;
  /** Every string each right-hand column shows, and the column's caption. */
  scoreTexts: string[];
  rangeTexts: string[];
  countTexts: string[];
  captions: { score: string; range: string; count: string };
}

export function computeHeight(input: Pick<LayoutInput, "rowCount" | "hasSubtitle" | "hasSublabels">): number {
  return verticalLayout(input).height;
}

/** Baselines and centre lines from the title down to the footer; every row has the same height. */
export function verticalLayout({ rowCount, hasSubtitle, hasSublabels }: Pick<LayoutInput, "rowCount" | "hasSubtitle" | "hasSublabels">) {
  const rowHeight = hasSublabels ? m.rowHeightWithSublabel : m.rowHeight;
  let y: number = m.padTop;
  const titleY = y + m.titleSize; // alphabetic baseline
  y = titleY;
  let subtitleY: number | undefined;
  if (hasSubtitle) {
    subtitleY = y + 24;
    y = subtitleY;
  }
  let legendY: number | undefined;
  let headerY: number;
  let rowsTop: number;
  let ticksY: number;
  if (rowCount > 0) {
    legendY = y + 26; // centre line of the legend
    headerY = legendY + 34; // centre line of the column captions
    rowsTop = headerY + 14;
    ticksY = rowsTop + rowCount * rowHeight + 14;
    y = ticksY + 6;
  } else {
    headerY = y;
    rowsTop = y + 20;
    y = rowsTop + m.emptyBodyHeight;
    ticksY = y;
  }
  const footerY = y + 26;
  const height = Math.ceil(footerY + m.padBottom);
  return { rowHeight, titleY, subtitleY, legendY, headerY, rowsTop, ticksY, footerY, height };
}

/** Small tracked capitals for column captions; callers reset `letterSpacing` afterwards. */
export function setCaptionFont(ctx: SKRSContext2D): void {
  ctx.font = font(600, m.headerSize);
  ctx.letterSpacing = "0.8px";
}

function widest(ctx: SKRSContext2D, texts: string[]): number {
  return texts.reduce((w, t) => Math.max(w, measureTabular(ctx, t)), 0);
}

/** `axisFor` gets the plot's width, so the axis can choose how many tick labels fit. */
export function computeLayout(ctx: SKRSContext2D, input: LayoutInput, axisFor: (plotWidth: number) => Axis): Layout {
  const v = verticalLayout(input);
  const width = CHART_WIDTH;
  const rankRight = m.padX + m.rankWidth - 10;
  const labelLeft = m.padX + m.rankWidth;
  const labelWidth = m.labelWidth;

  const { captions } = input;
  ctx.font = font(700, m.valueSize);
  const scoreWidths = widest(ctx, input.scoreTexts);
  ctx.font = font(400, m.smallSize);
  const rangeWidths = widest(ctx, input.rangeTexts);
  const countWidths = widest(ctx, input.countTexts);
  setCaptionFont(ctx);
  // The score caption may reach left over the plot's margin: tick labels sit below the rows.
  const scoreWidth = Math.ceil(Math.max(scoreWidths, ctx.measureText(captions.score).width - m.gap));
  const rangeWidth = Math.ceil(Math.max(rangeWidths, ctx.measureText(captions.range).width));
  const countWidth = Math.ceil(Math.max(countWidths, ctx.measureText(captions.count).width));
  ctx.letterSpacing = "0px";

  const countRight = width - m.padX;
  const rangeRight = countRight - countWidth - m.gap;
  const scoreRight = rangeRight - rangeWidth - m.gap;
  // Room for half a tick label on either end of the axis so "0%" and "100%" are not clipped.
  const plotLeft = labelLeft + labelWidth + m.gap + 8;
  const plotRight = scoreRight - scoreWidth - m.gap - 12;
  const axis = axisFor(plotRight - plotLeft);
  const span = axis.max - axis.min;
  const x = (value: number) => plotLeft + ((value - axis.min) / span) * (plotRight - plotLeft);

  return { ...v, width, rankRight, labelLeft, labelWidth, plotLeft, plotRight, scoreRight, rangeRight, countRight, axis, x };
}
