import type { SKRSContext2D } from "@napi-rs/canvas";
import { drawHatch, drawWhisker } from "./drawFrame.js";
import { drawTag } from "./drawRow.js";
import { font } from "./fonts.js";
import type { DrawableForestRow, ForestStatus } from "./forestPlot.js";
import { CAPTIONS } from "./forestLayout.js";
import { type Layout, setCaptionFont } from "./layout.js";
import { fillTabularRight, fitText } from "./text.js";
import { metrics as m, theme } from "./theme.js";
import { fillTextWithArrows, measureWithArrows } from "./arrowText.js";

const NEEDS_DATA_TAG = "NEEDS DATA";
const LEGEND = { finding: "Finding", none: "No detectable effect", early: "Not enough evidence yet", pooled: "Pooled over forks" };
const NO_ESTIMATE = "no estimate yet";
const DIRECTION = { lower: "← LOWER", higher: "HIGHER →" };
/** Height of the bar from zero to a finding's estimate: thinner than the leaderboard's 14 px, so the interval reads first. */
const BAR_HEIGHT = 10;

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

export function drawForestRow(ctx: SKRSContext2D, layout: Layout, row: DrawableForestRow, index: number): void {
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
export function drawForestLegend(ctx: SKRSContext2D, layout: Layout, hasPooled: boolean): void {
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
export function drawForestCaptions(ctx: SKRSContext2D, layout: Layout, unit: "pp" | "elo"): void {
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
