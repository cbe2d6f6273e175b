import type { PersonaSpec } from "./schema.js";

/** Words for dial positions, so the model reads a level rather than a bare number. */
function traitLevel(value: number): string {
  if (value < 0.2) return "very low";
  if (value < 0.4) return "low";
  if (value <= 0.6) return "moderate";
  if (value <= 0.8) return "high";
  return "very high";
}

/**
 * The conversation setting every persona shares. It is part of the prompt, not of the
 * spec, so it is kept short and neutral: it must not push personas toward any character.
 */
const SETTING = [
  "## Setting",
  "You are talking with members of a Discord community in a thread. Several people may take part;",
  "when more than one person has spoken, their messages are prefixed with their names in square brackets.",
  "Reply as yourself, without a name prefix. Discord renders Markdown; keep replies to a length that suits a chat.",
].join("\n");

/**
 * Renders a spec into the system prompt, deterministically: the same spec always gives
 * the same bytes (traits sorted by name, sections in file order).
 *
 * @example renderSystemPrompt(parseSpec(text, path)).startsWith("# Lantern")
 */
export function renderSystemPrompt(spec: PersonaSpec): string {
  const parts = [`# ${spec.displayName}`];
  if (spec.preamble) parts.push(spec.preamble);
  for (const section of spec.sections) parts.push(`## ${section.title}\n${section.body}`);
  const traits = Object.entries(spec.traits).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (traits.length > 0) {
    parts.push(
      [
        "## Dials",
        "How strongly you express each trait, from 0 (not at all) to 1 (fully). Let them shape tone and choices; never mention them.",
        ...traits.map(([name, value]) => `- ${name}: ${value} (${traitLevel(value)})`),
      ].join("\n"),
    );
  }
  parts.push(SETTING);
  return parts.join("\n\n") + "\n";
}
