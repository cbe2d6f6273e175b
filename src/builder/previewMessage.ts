import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed } from "discord-api-types/v10";
import { deriveFeatures } from "../features/deriveFeatures.js";
import { buildSpec } from "../outline/buildSpec.js";
import type { Outline } from "../outline/types.js";
import { personaColour } from "../personas/card.js";
import { truncate } from "../personas/catalog.js";
import type { OutgoingMessage } from "../platform.js";
import { SpecError, type SpecProblem } from "../specs/parse.js";
import type { PersonaSpec } from "../specs/schema.js";
import { serializeSpec } from "../specs/serialize.js";
import type { BuilderDraft } from "./builderDrafts.js";
import { builderFooter, builderIds, navigation } from "./stepMessage.js";
import { builderSteps, describeChoices } from "./steps.js";

/** A draft built into a spec, or the reasons it can't be. */
export type BuiltDraft =
  | { ok: true; spec: PersonaSpec; file: string; tokens: number; length: number }
  | { ok: false; problems: SpecProblem[] };

/** A problem with a draft, in the builder's words: the draft is not a file, so no path or line. */
export function draftProblemText(problem: SpecProblem): string {
  if (problem.field === "body") return "Choose at least one block: the persona needs some character to work with.";
  return `${problem.field}: ${problem.message}`;
}

/** Builds the draft's spec as it stands; problems (an empty description, say) come back as data, not throws. */
export function buildDraft(outline: Outline, draft: BuilderDraft): BuiltDraft {
  try {
    const spec = buildSpec(outline, draft.choices);
    const { tokens, length } = deriveFeatures(spec, outline);
    return { ok: true, spec, file: serializeSpec(spec), tokens, length };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { ok: false, problems: error.problems };
  }
}

/**
 * The last step: what was chosen, the system prompt's size, the spec file itself, and
 * Create / Try it (disabled, with the reason, while the draft can't be built or its name
 * is taken).
 */
export function previewMessage(outline: Outline, draft: BuilderDraft, built: BuiltDraft, nameProblem?: string): OutgoingMessage {
  const steps = builderSteps(outline);
  const choices = describeChoices(outline, draft.choices);
  const blocked = !built.ok || nameProblem !== undefined;
  const embed: APIEmbed = {
    color: personaColour(draft.choices.name),
    title: truncate(`${draft.choices.displayName ?? draft.choices.name} · Preview`, 256),
    description: truncate(draft.choices.description, 4096),
    fields: [
      { name: "Name", value: `\`${draft.choices.name}\``, inline: true },
      ...(built.ok ? [{ name: "System prompt", value: `~${built.tokens.toLocaleString("en")} tokens (${built.length.toLocaleString("en")} characters)`, inline: true }] : []),
      { name: "Choices", value: truncate(choices.join("\n") || "Nothing chosen: the persona is its name and description alone.", 1024) },
      ...(built.ok ? [] : [{ name: "⚠️ Can't build yet", value: truncate(built.problems.map(draftProblemText).join("\n"), 1024) }]),
      ...(nameProblem ? [{ name: "⚠️ Name", value: truncate(`${nameProblem} Use Edit name on the first step.`, 1024) }] : []),
    ],
    footer: builderFooter(draft, steps),
  };
  const button = (label: string, style: ButtonStyle.Success | ButtonStyle.Primary, customId: string): APIButtonComponent => ({ type: ComponentType.Button, style, label, custom_id: customId, disabled: blocked });
  return {
    content: blocked ? undefined : "The spec file is attached: read it before you create. **Create** adds it to the personas; **Try it** also opens a thread with it.",
    embeds: [embed],
    files: built.ok ? [{ name: `${draft.choices.name}.md`, data: built.file, description: `Spec of ${draft.choices.name}` }] : [],
    components: [navigation(draft, "", [button("Create", ButtonStyle.Success, builderIds.make(draft.id, "create")), button("Try it", ButtonStyle.Primary, builderIds.make(draft.id, "try"))])],
    ephemeral: true,
  };
}
