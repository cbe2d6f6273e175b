import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { font } from "./fonts.js";
import { type Layout, setCaptionFont } from "./layout.js";
import type { Axis } from "./scale.js";
import { fitText } from "./text.js";
import { encodeOpaquePng } from "./png.js";
import { PIXEL_RATIO, metrics as m, theme } from "./theme.js";

/** Everything around the rows: background, title block, legend, captions, grid, footer. */

/**
 * A canvas for a chart of `layout`'s logical size at `PIXEL_RATIO`, scaled so drawing uses
 * logical pixels, with its background filled; `encode` turns it into the PNG.
 */
export function startChart(layout: Pick<Layout, "width" | "height">): { ctx: SKRSContext2D; encode: (meta: Record<string, string>) => Promise<Buffer> } {
  const pixelWidth = Math.round(layout.width * PIXEL_RATIO);
  const pixelHeight = Math.round(layout.height * PIXEL_RATIO);
  const canvas = createCanvas(pixelWidth, pixelHeight);
  const ctx = canvas.getContext("2d");
  ctx.scale(PIXEL_RATIO, PIXEL_RATIO);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  return { ctx, encode: (meta) => encodeOpaquePng(canvas.data(), pixelWidth, pixelHeight, meta) };
}

/** Only what the titles and footer need, so other pictures (the lineage tree) share them. */
export type FrameLayout = Pick<Layout, "width" | "titleY" | "subtitleY" | "footerY">;

export function drawTitles(ctx: SKRSContext2D, layout: FrameLayout, title: string, subtitle: string | undefined): void {
  const maxWidth = layout.width - 2 * m.padX;
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = theme.text;
  ctx.font = font(700, m.titleSize);
  ctx.fillText(fitText(ctx, title, maxWidth), m.padX, layout.titleY);
  if (subtitle !== undefined && layout.subtitleY !== undefined) {
    ctx.fillStyle = theme.muted;
    ctx.font = font(400, m.subtitleSize);
    ctx.fillText(fitText(ctx, subtitle, maxWidth), m.padX, layout.subtitleY);
  }
}

/** A horizontal interval with end caps, as drawn in rows and in the legend. */
export function drawWhisker(ctx: SKRSContext2D, x0: number, x1: number, y: number, colour: string, caps = { left: true, right: true }): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.75;
  ctx.lineCap = "butt";
  ctx.beginPath();
  ctx.moveTo(x0, y);
  ctx.lineTo(x1, y);
  const h = m.whiskerCap;
  if (caps.left) {
    ctx.moveTo(x0, y - h);
    ctx.lineTo(x0, y + h);
  }
  if (caps.right) {
    ctx.moveTo(x1, y - h);
    ctx.lineTo(x1, y + h);
  }
  ctx.stroke();
}

/** Diagonal hatching inside a rectangle: the mark of a provisional row. */
export function drawHatch(ctx: SKRSContext2D, x: number, y: number, w: number, h: number): void {
  if (w <= 0) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.fillStyle = theme.provisionalBar;
  ctx.fillRect(x, y, w, h);
  ctx.strokeStyle = theme.hatch;
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  for (let hx = x - h; hx < x + w; hx += 5) {
    ctx.moveTo(hx, y + h);
    ctx.lineTo(hx + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

export function drawDot(ctx: SKRSContext2D, x: number, y: number, provisional: boolean): void {
  ctx.beginPath();
  ctx.arc(x, y, m.dotRadius, 0, Math.PI * 2);
  ctx.fillStyle = provisional ? theme.background : theme.accent;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = provisional ? theme.provisional : theme.background;
  ctx.stroke();
}

export function drawLegend(ctx: SKRSContext2D, layout: Layout, scoreName: string, provisionalText: string | undefined): void {
  if (layout.legendY === undefined) return;
  const y = layout.legendY;
  let x = m.padX;
  ctx.font = font(400, m.legendSize);
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";

  drawWhisker(ctx, x, x + 26, y, theme.whisker, { left: true, right: true });
  drawDot(ctx, x + 13, y, false);
  x += 34;
  const scoreText = `${scoreName} with 95% interval`;
  ctx.fillStyle = theme.muted;
  ctx.fillText(scoreText, x, y);
  x += ctx.measureText(scoreText).width + 22;

  if (provisionalText === undefined) return;
  drawHatch(ctx, x, y - 6, 26, 12);
  x += 34;
  ctx.fillStyle = theme.muted;
  ctx.fillText(fitText(ctx, provisionalText, layout.width - m.padX - x), x, y);
}

export function drawCaptions(ctx: SKRSContext2D, layout: Layout, captions: { score: string; range: string; count: string }): void {
  const y = layout.headerY;
  ctx.textBaseline = "middle";
  setCaptionFont(ctx);
  ctx.fillStyle = theme.faint;
  ctx.textAlign = "right";
  ctx.fillText("#", layout.rankRight, y);
  ctx.fillText(captions.score, layout.scoreRight, y);
  ctx.fillText(captions.range, layout.rangeRight, y);
  ctx.fillText(captions.count, layout.countRight, y);
  ctx.letterSpacing = "0px";
}

function drawTickLabels(ctx: SKRSContext2D, layout: Layout, axis: Axis, y: number): void {
  ctx.font = font(500, m.tickSize);
  ctx.fillStyle = theme.faint;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const tick of axis.ticks) ctx.fillText(axis.format(tick), layout.x(tick), y);
}

export function drawGrid(ctx: SKRSContext2D, layout: Layout, axis: Axis, rowCount: number): void {
  const top = layout.rowsTop;
  const bottom = top + rowCount * layout.rowHeight;
  ctx.lineWidth = 1;
  for (const tick of axis.ticks) {
    // Half-pixel offset keeps 1 px lines crisp at 1×; at 2× the line is two device pixels either way.
    const x = Math.round(layout.x(tick)) + 0.5;
    ctx.strokeStyle = tick === axis.reference ? theme.gridStrong : theme.grid;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom + 3);
    ctx.stroke();
  }
  drawTickLabels(ctx, layout, axis, layout.ticksY);
}

export function drawFooter(ctx: SKRSContext2D, layout: FrameLayout, footnote: string | undefined): void {
  const y = layout.footerY;
  ctx.textBaseline = "middle";
  ctx.font = font(600, m.footSize);
  const brand = "personalab";
  const brandWidth = ctx.measureText(brand).width;
  ctx.textAlign = "right";
  ctx.fillStyle = theme.faint;
  ctx.fillText(brand, layout.width - m.padX, y);
  ctx.beginPath();
  ctx.arc(layout.width - m.padX - brandWidth - 9, y, 3.5, 0, Math.PI * 2);
  ctx.fillStyle = theme.accent;
  ctx.fill();
  if (footnote === undefined) return;
  ctx.font = font(400, m.footSize);
  ctx.textAlign = "left";
  ctx.fillStyle = theme.faint;
  ctx.fillText(fitText(ctx, footnote, layout.width - 2 * m.padX - brandWidth - 40), m.padX, y);
}

/** The body of a chart with no rows: a few ghost bars behind a friendly message. */
export function drawEmpty(ctx: SKRSContext2D, layout: Layout, message: string, hint: string): void {
  const top = layout.rowsTop;
  const h = m.emptyBodyHeight;
  const left = m.padX;
  const w = layout.width - 2 * m.padX;
  ctx.fillStyle = theme.stripe;
  ctx.beginPath();
  ctx.roundRect(left, top, w, h, 10);
  ctx.fill();
  ctx.fillStyle = theme.grid;
  [0.62, 0.45, 0.3].forEach((share, i) => {
    ctx.beginPath();
    ctx.roundRect(left + 28, top + 26 + i * 18, (w - 56) * share, 8, 4);
    ctx.fill();
  });
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillStyle = theme.text;
  ctx.font = font(700, 22);
  ctx.fillText(message, layout.width / 2, top + h / 2 + 20);
  ctx.fillStyle = theme.muted;
  ctx.font = font(400, m.subtitleSize);
  ctx.fillText(fitText(ctx, hint, w - 40), layout.width / 2, top + h / 2 + 50);
}
