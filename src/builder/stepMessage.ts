import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APISelectMenuOption,
} from "discord-api-types/v10";
import { dialBar, personaColour } from "../personas/card.js";
import { truncate } from "../personas/catalog.js";
import type { Dial, Outline, OutlineSection } from "../outline/types.js";
import { NAME_PLACEHOLDER } from "../outline/types.js";
import type { OutgoingMessage } from "../platform.js";
import type { BuilderDraft } from "./builderDrafts.js";
import { builderSteps, LEAVE_OUT, stepTitle, type BuilderStep } from "./steps.js";

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Custom ids of the builder's components: `persona:<action>:<draft>[:…]`, all well under Discord's 100 characters. */
export const builderIds = {
  pick: (draft: number, step: number, dial?: string) => `persona:newpick:${draft}:${step}${dial ? `:${dial}` : ""}`,
  go: (draft: number, step: number) => `persona:newgo:${draft}:${step}`,
  edit: (draft: number) => `persona:newedit:${draft}`,
  quit: (draft: number) => `persona:newquit:${draft}`,
  make: (draft: number, then: "create" | "try") => `persona:newmake:${draft}:${then}`,
};

/** One line of what each step holds, at the foot of every step. */
export function builderFooter(draft: BuilderDraft, steps: readonly BuilderStep[]): { text: string } {
  return { text: `Step ${draft.step + 1} of ${steps.length} · Saved as you go: /persona new picks up where you left off, for a day.` };
}

/** The message for a section or dials step of a draft (the preview has its own, see `previewMessage`). */
export function stepMessage(outline: Outline, draft: BuilderDraft): OutgoingMessage {
  const steps = builderSteps(outline);
  const step = steps[draft.step];
  if (!step || step.kind === "preview") throw new RangeError(`step ${draft.step} is not a section or dials step`);
  const name = draft.choices.displayName ?? draft.choices.name;
  const embed: APIEmbed = {
    color: personaColour(draft.choices.name),
    title: truncate(`${name} · ${stepTitle(step)}`, 256),
    footer: builderFooter(draft, steps),
  };
  const rows: Row[] = [];
  if (step.kind === "section") {
    Object.assign(embed, sectionEmbed(step.section, draft, name));
    rows.push(selectRow(builderIds.pick(draft.id, draft.step), `Choose a block for ${step.section.title}`, sectionOptions(step.section, draft)));
  } else {
    Object.assign(embed, dialsEmbed(step.dials, draft));
    for (const dial of step.dials) rows.push(selectRow(builderIds.pick(draft.id, draft.step, dial.id), `${dial.label}: choose a level`, dialOptions(dial, draft)));
  }
  rows.push(navigation(draft, step.kind === "section" ? "Skip" : "Next"));
  // No files: coming back from the preview removes its spec file.
  return { embeds: [embed], components: rows, files: [], ephemeral: true };
}

/** Back (or, on the first step, Edit name), Next, Cancel. */
export function navigation(draft: BuilderDraft, nextLabel: string, extra: APIButtonComponent[] = []): Row {
  const back: APIButtonComponent = draft.step === 0
    ? { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Edit name", emoji: { name: "✏️" }, custom_id: builderIds.edit(draft.id) }
    : { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Back", custom_id: builderIds.go(draft.id, draft.step - 1) };
  const next: APIButtonComponent[] = extra.length > 0 ? extra : [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: nextLabel, custom_id: builderIds.go(draft.id, draft.step + 1) }];
  return {
    type: ComponentType.ActionRow,
    components: [back, ...next, { type: ComponentType.Button, style: ButtonStyle.Danger, label: "Cancel", custom_id: builderIds.quit(draft.id) }],
  };
}

function sectionEmbed(section: OutlineSection, draft: BuilderDraft, name: string): Partial<APIEmbed> {
  const chosen = draft.choices.blocks[section.id];
  const state = chosen ? `Chosen: **${chosen}**.` : chosen === null ? "Left out." : "Nothing chosen yet: Skip leaves it out.";
  return {
    description: truncate(`${section.description}\n\n${state}`, 4096),
    fields: section.blocks.slice(0, 25).map((b) => ({
      name: truncate(`${b.id === chosen ? "✅ " : ""}${b.id} · ${b.tags.join(", ")}`, 256),
      value: truncate(`${b.summary}\n> ${truncate(b.text.replaceAll(NAME_PLACEHOLDER, name).replace(/\s+/g, " "), 280)}`, 1024),
    })),
  };
}

function sectionOptions(section: OutlineSection, draft: BuilderDraft): APISelectMenuOption[] {
  const chosen = draft.choices.blocks[section.id];
  return [
    ...section.blocks.slice(0, 24).map((b) => ({
      label: truncate(`${b.id} (${b.tags.join(", ")})`, 100), value: b.id, description: truncate(b.summary, 100), default: b.id === chosen,
    })),
    { label: "Leave this section out", value: LEAVE_OUT, description: "The spec will have no section for this", default: chosen === null },
  ];
}

function dialsEmbed(dials: readonly Dial[], draft: BuilderDraft): Partial<APIEmbed> {
  return {
    description: "Each dial sets a trait and adds a sentence saying what that level means in conduct. Leave a dial unset and the model decides.",
    fields: dials.map((d) => {
      const value = draft.choices.dials[d.id];
      const level = d.levels.find((l) => l.value === value);
      return { name: truncate(`${d.label}: ${level ? `${level.label} ${dialBar(level.value)} ${level.value}` : "unset"}`, 256), value: truncate(d.description, 1024) };
    }),
  };
}

function dialOptions(dial: Dial, draft: BuilderDraft): APISelectMenuOption[] {
  const value = draft.choices.dials[dial.id];
  return [
    ...dial.levels.map((l) => ({
      label: truncate(`${l.label} (${l.value})`, 100), value: String(l.value), description: truncate(l.text.replace(/\s+/g, " "), 100), default: l.value === value,
    })),
    { label: "Leave unset", value: LEAVE_OUT, default: value === undefined },
  ];
}

function selectRow(customId: string, placeholder: string, options: APISelectMenuOption[]): Row {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.StringSelect, custom_id: customId, placeholder: truncate(placeholder, 150), options, min_values: 1, max_values: 1 }],
  };
}
