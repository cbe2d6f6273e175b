import type { SKRSContext2D } from "@napi-rs/canvas";

/**
 * Makes user-written text safe to draw with the bundled fonts: emoji are dropped (no emoji font
 * ships with the bot, and a missing glyph draws as an empty box), control characters removed,
 * whitespace collapsed.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u200d\ufe0e\ufe0f\u20e3\u{e0020}-\u{e007f}]|\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * `text` shortened with an ellipsis so it fits `maxWidth` in the context's current font.
 * Binary search over code points keeps it to ~log2(n) measurements.
 */
export function fitText(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = `${chars.slice(0, mid).join("").trimEnd()}…`;
    if (ctx.measureText(candidate).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? "…" : `${chars.slice(0, lo).join("").trimEnd()}…`;
}

const digitWidths = new Map<string, number>();

/** The widest digit in the context's current font: the cell every digit gets in tabular text. */
function digitCell(ctx: SKRSContext2D): number {
  let cell = digitWidths.get(ctx.font);
  if (cell === undefined) {
    cell = Math.max(...Array.from("0123456789", (d) => ctx.measureText(d).width));
    digitWidths.set(ctx.font, cell);
  }
  return cell;
}

/**
 * Width of `text` with tabular figures. Inter's digits are proportional and this canvas has no
 * `font-variant-numeric`, so numbers are set one character at a time with equal digit cells,
 * which keeps the columns of scores and counts lined up digit for digit.
 */
export function measureTabular(ctx: SKRSContext2D, text: string): number {
  const cell = digitCell(ctx);
  let width = 0;
  for (const ch of text) width += ch >= "0" && ch <= "9" ? cell : ctx.measureText(ch).width;
  return width;
}

/** Draws `text` with tabular figures, its right edge at `right`. */
export function fillTabularRight(ctx: SKRSContext2D, text: string, right: number, y: number): void {
  const cell = digitCell(ctx);
  const align = ctx.textAlign;
  ctx.textAlign = "center";
  let x = right - measureTabular(ctx, text);
  for (const ch of text) {
    const w = ch >= "0" && ch <= "9" ? cell : ctx.measureText(ch).width;
    ctx.fillText(ch, x + w / 2, y);
    x += w;
  }
  ctx.textAlign = align;
}
