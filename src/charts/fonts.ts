import { createRequire } from "node:module";
import { GlobalFonts } from "@napi-rs/canvas";

/**
 * Inter from @fontsource/inter, registered with @napi-rs/canvas once per process.
 *
 * Fontsource splits each weight into Unicode subsets (one WOFF2 file each). Skia picks one
 * typeface per family name, so each subset gets its own family alias and `fontStack` lists
 * them all: text shaping then falls back glyph by glyph, and "Łódź" or "Привет" in a persona
 * name render in Inter instead of a system font that may not exist on the host.
 */

const SUBSETS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "greek-ext", "vietnamese"] as const;
export const FONT_WEIGHTS = [400, 500, 600, 700] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

const familyFor = (subset: string): string => (subset === "latin" ? "Inter" : `Inter ${subset}`);

/** CSS font-family list that covers every registered subset, primary first. */
export const FONT_STACK = SUBSETS.map((s) => `"${familyFor(s)}"`).join(", ");

let registered = false;

/** Idempotent; throws if the font files cannot be found or decoded, since every chart needs them. */
export function registerChartFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  for (const subset of SUBSETS) {
    for (const weight of FONT_WEIGHTS) {
      const path = require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff2`);
      if (GlobalFonts.registerFromPath(path, familyFor(subset)) === null) {
        throw new Error(`could not register chart font ${path}`);
      }
    }
  }
  registered = true;
}

/** A canvas `font` shorthand in Inter, e.g. `font(600, 15)`. */
export function font(weight: FontWeight, sizePx: number): string {
  return `${weight} ${sizePx}px ${FONT_STACK}`;
}
