import type { SpecFeatures } from "./deriveFeatures.js";

/**
 * A spec's features in one line for its card: the outline blocks it uses, its sections,
 * length and examples, e.g. "honesty: examples · 6 sections · ~1,900 tokens · 4 examples".
 */
export function featureLine(f: SpecFeatures): string {
  const blocks = Object.entries(f.blocks).filter(([, b]) => b !== null).map(([section, block]) => `${section}: ${block}`);
  return [
    ...blocks,
    `${f.sections.length} section${f.sections.length === 1 ? "" : "s"}`,
    `~${f.tokens.toLocaleString("en")} tokens`,
    `${f.examples} example${f.examples === 1 ? "" : "s"}`,
  ].join(" · ");
}
