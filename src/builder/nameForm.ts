import { TextInputStyle, type APIModalInteractionResponseCallbackData } from "discord-api-types/v10";
import type { BuildChoices } from "../outline/buildSpec.js";
import { formField } from "../personas/formField.js";

/** The custom id of the builder's first form; with a draft id it edits that draft. */
export const nameFormId = (draft?: number) => (draft === undefined ? "persona:newform" : `persona:newform:${draft}`);

/** The builder's first step: name, display name, description and greeting, filled in when editing a draft. */
export function nameForm(choices?: BuildChoices, draft?: number): APIModalInteractionResponseCallbackData {
  return {
    custom_id: nameFormId(draft),
    title: "New persona",
    components: [
      formField("name", "Name", "2–32 lowercase letters, digits and hyphens, e.g. kind-critic", TextInputStyle.Short, choices?.name, 32, true),
      formField("display_name", "Display name", "What it is called in threads (default: the name)", TextInputStyle.Short, choices?.displayName, 80, false),
      formField("description", "One-line description", "What this persona is for, e.g. a tutor who tells you when you are wrong", TextInputStyle.Short, choices?.description, 200, true),
      formField("greeting", "Greeting", "The first thing it says in a new thread (optional)", TextInputStyle.Paragraph, choices?.greeting, 1500, false),
    ],
  };
}

/** The form's fields as the first choices (blocks and dials kept from `previous` when editing). */
export function choicesFromForm(fields: Readonly<Record<string, string>>, author: { id: string; name: string }, previous?: BuildChoices): BuildChoices {
  const text = (id: string) => fields[id]?.trim() || undefined;
  return {
    name: (text("name") ?? "").toLowerCase(),
    displayName: text("display_name"),
    description: text("description") ?? "",
    greeting: text("greeting"),
    author: author.name,
    authorId: author.id,
    blocks: previous?.blocks ?? {},
    dials: previous?.dials ?? {},
  };
}
