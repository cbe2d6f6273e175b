import type { SpecFeatures } from "../features/deriveFeatures.js";
import { buildSpec, type BuildChoices } from "../outline/buildSpec.js";
import type { Outline } from "../outline/types.js";
import { SpecError } from "../specs/parse.js";
import type { PersonaSpec } from "../specs/schema.js";
import { variantId } from "../specs/variant.js";

/**
 * The builder choices that reproduce a spec exactly, if there are any: its blocks (as
 * recorded or recognised), its traits as dial levels, its name, description and greeting.
 * A spec made with the builder and never edited by hand has them; one with text of its
 * own (or a trait between two levels) does not, and can't be re-built without losing it.
 */
export function builtChoices(spec: PersonaSpec, features: SpecFeatures, outline: Outline): BuildChoices | undefined {
  const choices: BuildChoices = {
    name: spec.name, displayName: spec.displayName, description: spec.description, author: spec.author, authorId: spec.authorId,
    greeting: spec.greeting, tags: spec.tags, blocks: features.blocks, dials: spec.traits,
  };
  try {
    return variantId(rebuild(outline, spec, choices)) === variantId(spec) ? choices : undefined;
  } catch (error) {
    if (error instanceof SpecError) return undefined;
    throw error;
  }
}

/**
 * Builds `choices` and keeps what the builder doesn't set from `like` (model, temperature,
 * avatar), so a re-built variant differs from its parent only in what was changed.
 */
export function rebuild(outline: Outline, like: PersonaSpec, choices: BuildChoices): PersonaSpec {
  const spec = buildSpec(outline, choices);
  return { ...spec, model: like.model, temperature: like.temperature, avatar: like.avatar };
}
