import { TextInputStyle, type APIModalInteractionResponseCallbackData } from "discord-api-types/v10";
import { formField } from "./formField.js";
import { UserFacingError } from "../errors.js";
import { parseSpec, SpecError } from "../specs/parse.js";
import type { PersonaSpec } from "../specs/schema.js";
import { serializeBody, serializeSpec } from "../specs/serialize.js";
import type { VariantRow } from "../store/variants.js";
import { truncate } from "./catalog.js";

/** Discord's limits for a form: 45 characters of title, 4,000 per text field. */
const TITLE_LIMIT = 45;
const FIELD_LIMIT = 4000;
const GREETING_LIMIT = 1500;

/** A form holds five fields; description, dials and greeting take three, the character text the rest. */
const MAX_BODY_PARTS = 2;

/**
 * The character text cut into form fields at section boundaries, each within Discord's
 * 4,000 characters; undefined when it cannot be (a file upload can carry any length).
 */
export function bodyParts(spec: Pick<PersonaSpec, "preamble" | "sections">): string[] | undefined {
  const blocks = [spec.preamble, ...spec.sections.map((s) => serializeBody({ preamble: "", sections: [s] }))].filter(Boolean);
  const parts: string[] = [];
  for (const block of blocks) {
    const last = parts[parts.length - 1];
    if (last !== undefined && last.length + 2 + block.length <= FIELD_LIMIT) parts[parts.length - 1] = `${last}\n\n${block}`;
    else parts.push(block);
  }
  if (parts.length === 0) parts.push("");
  return parts.length <= MAX_BODY_PARTS && parts.every((p) => p.length <= FIELD_LIMIT) ? parts : undefined;
}

/** Why a spec cannot be edited in a form, if it cannot. */
export function formProblem(spec: PersonaSpec): string | undefined {
  if (bodyParts(spec)) return undefined;
  return `its text is ${serializeBody(spec).length.toLocaleString("en")} characters, more than a Discord form holds`;
}

/** Traits as people type them: `warmth=0.7, candor=0.9` (one per line works too). */
export function traitsToText(traits: Readonly<Record<string, number>>): string {
  return Object.entries(traits).map(([k, v]) => `${k}=${v}`).join(", ");
}

export function traitsFromText(text: string): Record<string, number> {
  const traits: Record<string, number> = {};
  for (const part of text.split(/[,\n;]/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z][a-z0-9_-]{0,31})\s*[=:]\s*(\d*\.?\d+)$/i.exec(part);
    if (!match) throw new UserFacingError(`traits: \`${truncate(part, 40)}\` is not a trait. Write name=value pairs from 0 to 1, e.g. \`warmth=0.7, candor=0.9\`.`);
    traits[match[1]!.toLowerCase()] = Number(match[2]);
  }
  return traits;
}

/**
 * The fork form, filled in with the parent's text: the character (in one or two fields),
 * description, dials, greeting, and the change note when a field is left for it. The
 * custom id carries the parent and the new name.
 */
export function forkForm(parent: VariantRow, customId: string, note?: string): APIModalInteractionResponseCallbackData {
  const spec = parent.spec;
  const parts = bodyParts(spec);
  if (!parts) throw new RangeError(`${parent.name} does not fit a form`);
  const field = formField;
  const body = parts.map((part, i) =>
    field(`body${i}`, parts.length > 1 ? `Character (${i + 1} of ${parts.length})` : "Character", "Markdown: ## sections such as Identity, Values, Voice", TextInputStyle.Paragraph, part, FIELD_LIMIT, i === 0),
  );
  return {
    custom_id: customId,
    title: truncate(`Fork ${spec.displayName}`, TITLE_LIMIT),
    components: [
      ...body,
      field("description", "One-line description", "What this variant is for", TextInputStyle.Short, spec.description, 200, true),
      field("traits", "Dials", "name=value from 0 to 1, e.g. warmth=0.7, candor=0.9", TextInputStyle.Short, traitsToText(spec.traits), 400, false),
      field("greeting", "Greeting", "The first thing it says in a new thread (optional)", TextInputStyle.Paragraph, spec.greeting, GREETING_LIMIT, false),
      ...(parts.length < MAX_BODY_PARTS ? [field("note", "What changed, and why", "Shown in the lineage, e.g. disagrees when you are wrong", TextInputStyle.Short, note, 200, false)] : []),
    ],
  };
}

/** A fork form that did not make a valid spec; `draft` holds everything the member typed, as a spec file. */
export class ForkFormError extends UserFacingError {
  constructor(problems: readonly string[], readonly draft: string) {
    super(`Your fork was not saved:\n${problems.map((p) => `- ${p}`).join("\n")}\nYour text is attached: fix it and fork again, with the form or with \`file:\`.`);
  }
}

/**
 * The spec a submitted fork form describes: the parent's spec with the edited text and
 * the new name, checked by the same parser as a spec file.
 *
 * @throws ForkFormError listing each problem by field, with the member's text kept
 */
export function specFromForm(parent: VariantRow, name: string, fields: Readonly<Record<string, string>>): PersonaSpec {
  const problems: string[] = [];
  let traits = parent.spec.traits;
  try {
    traits = traitsFromText(fields.traits ?? "");
  } catch (error) {
    problems.push((error as Error).message);
  }
  const greeting = fields.greeting?.trim();
  const base: PersonaSpec = { ...parent.spec, name, description: (fields.description ?? "").trim(), traits, greeting: greeting || undefined, preamble: "", sections: [] };
  const body = [fields.body0, fields.body1].map((b) => b?.trim()).filter(Boolean).join("\n\n");
  const draft = `${serializeSpec(base).trimEnd()}\n\n${body}\n`;
  try {
    const spec = parseSpec(draft, "your fork");
    if (problems.length === 0) return spec;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    problems.push(...error.problems.map((p) => `${p.field}: ${p.message}`));
  }
  throw new ForkFormError(problems, draft);
}
