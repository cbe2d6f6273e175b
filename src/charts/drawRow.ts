import type { SKRSContext2D } from "@napi-rs/canvas";
import { drawDot, drawHatch, drawWhisker } from "./drawFrame.js";
import { font } from "./fonts.js";
import type { Layout } from "./layout.js";
import { fillTabularRight, fitText } from "./text.js";
import { metrics as m, theme } from "./theme.js";

/** One contestant, already cleaned and formatted for drawing. */
export interface DrawableRow {
  rank: string;
  podium: number | undefined;
  label: string;
  sublabel: string | undefined;
  score: number;
  lower: number;
  upper: number;
  scoreText: string;
  rangeText: string;
  countText: string;
  provisional: boolean;
}

const TAG = "PROVISIONAL";
const TAG_SIZE = 9.5;
const TAG_TRACKING = "0.6px";
const BAR_HEIGHT = 14;

/** Zebra stripes on every other row, drawn before the gridlines so the lines stay visible. */
export function drawStripes(ctx: SKRSContext2D, layout: Layout, rowCount: number): void {
  ctx.fillStyle = theme.stripe;
  for (let i = 0; i < rowCount; i += 2) {
    const top = layout.rowsTop + i * layout.rowHeight;
    ctx.beginPath();
    ctx.roundRect(m.padX - 10, top + 1, layout.width - 2 * m.padX + 20, layout.rowHeight - 2, 6);
    ctx.fill();
  }
}

export function drawRow(ctx: SKRSContext2D, layout: Layout, row: DrawableRow, index: number, bars: { from: number } | undefined, domain: { min: number; max: number }): void {
  const top = layout.rowsTop + index * layout.rowHeight;
  const cy = top + layout.rowHeight / 2;

  ctx.textBaseline = "middle";
  ctx.textAlign = "right";
  ctx.font = font(700, m.labelSize);
  ctx.fillStyle = row.provisional ? theme.faint : row.podium !== undefined ? (theme.podium[row.podium] ?? theme.muted) : theme.muted;
  fillTabularRight(ctx, row.rank, layout.rankRight, cy);

  drawLabel(ctx, layout, row, cy);
  drawMark(ctx, layout, row, cy, bars, domain);

  ctx.font = font(700, m.valueSize);
  ctx.fillStyle = row.provisional ? theme.muted : theme.text;
  fillTabularRight(ctx, row.scoreText, layout.scoreRight, cy);
  ctx.font = font(400, m.smallSize);
  ctx.fillStyle = theme.faint;
  fillTabularRight(ctx, row.rangeText, layout.rangeRight, cy);
  ctx.fillStyle = row.provisional ? theme.faint : theme.muted;
  fillTabularRight(ctx, row.countText, layout.countRight, cy);
}

/** Label and sublabel; a provisional row gets a tag at the column's right edge, lined up with the others. */
function drawLabel(ctx: SKRSContext2D, layout: Layout, row: DrawableRow, cy: number): void {
  ctx.textAlign = "left";
  let textWidth = layout.labelWidth;
  if (row.provisional) textWidth -= drawTag(ctx, TAG, layout.labelLeft + layout.labelWidth, cy) + 10;

  const labelY = row.sublabel === undefined ? cy : cy - 8;
  ctx.font = font(600, m.labelSize);
  ctx.fillStyle = row.provisional ? theme.muted : theme.text;
  ctx.fillText(fitText(ctx, row.label, textWidth), layout.labelLeft, labelY);
  if (row.sublabel !== undefined) {
    ctx.font = font(400, m.sublabelSize);
    ctx.fillStyle = theme.faint;
    ctx.fillText(fitText(ctx, row.sublabel, textWidth), layout.labelLeft, cy + 10);
  }
}

/** An outlined capsule of small tracked capitals with its right edge at `right`; returns its width. */
export function drawTag(ctx: SKRSContext2D, text: string, right: number, cy: number): number {
  ctx.textAlign = "left";
  ctx.font = font(700, TAG_SIZE);
  ctx.letterSpacing = TAG_TRACKING;
  const tagWidth = ctx.measureText(text).width + 12;
  const x = right - tagWidth;
  ctx.strokeStyle = theme.provisional;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(x + 0.5, cy - 8.5, tagWidth - 1, 17, 8.5);
  ctx.stroke();
  ctx.fillStyle = theme.provisional;
  ctx.fillText(text, x + 6, cy + 0.5);
  ctx.letterSpacing = "0px";
  return tagWidth;
}

/**
 * Bar (share charts), interval whisker and score dot. Parts beyond a fixed axis end in an arrow;
 * a score beyond it gets a larger arrow instead of a dot, which would claim a value at the edge.
 */
function drawMark(ctx: SKRSContext2D, layout: Layout, row: DrawableRow, cy: number, bars: { from: number } | undefined, domain: { min: number; max: number }): void {
  const clamp = (v: number) => Math.min(domain.max, Math.max(domain.min, v));
  const xScore = layout.x(clamp(row.score));
  if (bars !== undefined) {
    const x0 = layout.x(clamp(bars.from));
    const y = cy - BAR_HEIGHT / 2;
    if (row.provisional) drawHatch(ctx, x0, y, xScore - x0, BAR_HEIGHT);
    else {
      ctx.fillStyle = theme.accentBar;
      ctx.fillRect(x0, y, xScore - x0, BAR_HEIGHT);
    }
  }

  const colour = row.provisional ? theme.provisional : theme.whisker;
  const cutLeft = row.lower < domain.min;
  const cutRight = row.upper > domain.max;
  const x0 = layout.x(clamp(row.lower));
  const x1 = layout.x(clamp(row.upper));
  const visible = row.upper >= domain.min && row.lower <= domain.max;
  if (visible) {
    drawWhisker(ctx, x0, x1, cy, colour, { left: !cutLeft, right: !cutRight });
    ctx.fillStyle = colour;
    if (cutLeft) arrow(ctx, x0, cy, -1, 5);
    if (cutRight) arrow(ctx, x1, cy, 1, 5);
  }

  const offScale = row.score < domain.min ? -1 : row.score > domain.max ? 1 : 0;
  if (offScale === 0) drawDot(ctx, xScore, cy, row.provisional);
  else {
    ctx.fillStyle = row.provisional ? theme.provisional : theme.accent;
    arrow(ctx, xScore + offScale * 4, cy, offScale, 8);
  }
}

/** A filled triangle whose tip is at (x + 2·direction, y), pointing left (-1) or right (1). */
function arrow(ctx: SKRSContext2D, x: number, y: number, direction: 1 | -1, size: number): void {
  ctx.beginPath();
  ctx.moveTo(x + direction * 2, y);
  ctx.lineTo(x - direction * size, y - size);
  ctx.lineTo(x - direction * size, y + size);
  ctx.closePath();
  ctx.fill();
}
