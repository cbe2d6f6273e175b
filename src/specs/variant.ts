import { createHash } from "node:crypto";
import type { PersonaSpec } from "./schema.js";

/**
 * What makes a variant: everything that reaches the model (the character text, traits,
 * greeting, name shown, default model and temperature). Metadata (author, tags, avatar,
 * description) can change without creating a new variant.
 */
export function variantContent(spec: PersonaSpec): string {
  const traits = Object.fromEntries(Object.entries(spec.traits).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify({
    v: 1,
    name: spec.name,
    displayName: spec.displayName,
    preamble: spec.preamble,
    sections: spec.sections.map((s) => [s.title, s.body]),
    traits,
    greeting: spec.greeting ?? null,
    model: spec.model ?? null,
    temperature: spec.temperature ?? null,
  });
}

/**
 * The content address of a spec: sha256 of its normalised content, hex. Formatting the
 * YAML differently or adding blank lines keeps the id; changing one sentence changes it.
 */
export function variantId(spec: PersonaSpec): string {
  return createHash("sha256").update(variantContent(spec)).digest("hex");
}

/** The short form shown to people, e.g. `lantern@3f9a2c1d`. */
export function shortVariant(name: string, id: string): string {
  return `${name}@${id.slice(0, 8)}`;
}
