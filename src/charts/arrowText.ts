import type { SKRSContext2D } from "@napi-rs/canvas";
import { fitText } from "./text.js";

/**
 * The bundled Inter subsets have no arrows (U+2190–21FF), and feature labels are written with
 * them ("warmth 0.8 → 0.4"), so each → or ← holds an em space's room and is drawn as lines.
 * Cleaned text has no em spaces of its own (`cleanText` collapses whitespace), so none is mistaken for an arrow.
 */
const ARROW = /[←→]/g;
const ARROW_SLOT = "\u2003";

export function measureWithArrows(ctx: SKRSContext2D, text: string): number {
  return ctx.measureText(text.replace(ARROW, ARROW_SLOT)).width;
}

/** Left-aligned, middle-baseline text shortened to `maxWidth` like `fitText`, with arrows drawn in the fill colour. */
export function fillTextWithArrows(ctx: SKRSContext2D, text: string, x: number, y: number, maxWidth: number): void {
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
