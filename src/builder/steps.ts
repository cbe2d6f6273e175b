import type { BuildChoices } from "../outline/buildSpec.js";
import type { Dial, Outline, OutlineSection } from "../outline/types.js";

/**
 * The steps of building a persona from the outline, the same in Discord and in the
 * terminal: one per section that offers blocks, then the dials a page at a time, then a
 * preview. The name, description and greeting come before the first step.
 */
export type BuilderStep =
  | { kind: "section"; section: OutlineSection }
  | { kind: "dials"; dials: Dial[]; page: number; pages: number }
  | { kind: "preview" };

/**
 * Dials per page: a Discord message holds five rows, one of them the navigation
 * buttons, so four select menus.
 */
export const DIALS_PER_PAGE = 4;

/** The select value for "leave this section out" / "leave this dial unset"; never a valid block id. */
export const LEAVE_OUT = "-";

/** The steps for this outline, in order; the last is always the preview. */
export function builderSteps(outline: Outline): BuilderStep[] {
  const steps: BuilderStep[] = outline.sections
    .filter((s) => !s.fromDials && s.blocks.length > 0)
    .map((section) => ({ kind: "section", section }));
  const pages = Math.ceil(outline.dials.length / DIALS_PER_PAGE);
  for (let page = 0; page < pages; page++) {
    steps.push({ kind: "dials", dials: outline.dials.slice(page * DIALS_PER_PAGE, (page + 1) * DIALS_PER_PAGE), page, pages });
  }
  steps.push({ kind: "preview" });
  return steps;
}

/** A step's title for headings and progress ("Honesty and disagreement", "Dials (1/2)", "Preview"). */
export function stepTitle(step: BuilderStep): string {
  if (step.kind === "section") return step.section.title;
  if (step.kind === "dials") return step.pages > 1 ? `Dials (${step.page + 1}/${step.pages})` : "Dials";
  return "Preview";
}

/**
 * Applies one pick to the choices, returning new choices: a block (or `LEAVE_OUT`) for a
 * section, a level's value (as text, or `LEAVE_OUT`) for a dial. Picks the outline
 * doesn't offer are left for `buildSpec` to refuse with the field named.
 */
export function applyPick(choices: BuildChoices, pick: { section: string; block: string } | { dial: string; value: string }): BuildChoices {
  if ("section" in pick) return { ...choices, blocks: { ...choices.blocks, [pick.section]: pick.block === LEAVE_OUT ? null : pick.block } };
  const dials = { ...choices.dials };
  if (pick.value === LEAVE_OUT) delete dials[pick.dial];
  else dials[pick.dial] = Number(pick.value);
  return { ...choices, dials };
}

/**
 * The picks so far as short lines ("Honesty and disagreement: principle", "Warmth: warm
 * (0.7)"), for the preview and the terminal's summary; sections and dials not chosen
 * are left out.
 */
export function describeChoices(outline: Outline, choices: BuildChoices): string[] {
  const lines: string[] = [];
  for (const section of outline.sections) {
    const block = section.blocks.find((b) => b.id === choices.blocks[section.id]);
    if (block) lines.push(`${section.title}: ${block.id}`);
  }
  for (const dial of outline.dials) {
    const level = dial.levels.find((l) => l.value === choices.dials[dial.id]);
    if (level) lines.push(`${dial.label}: ${level.label} (${level.value})`);
  }
  return lines;
}
