import { ButtonStyle, ComponentType, type APISelectMenuOption } from "discord-api-types/v10";
import type { BuildChoices } from "../outline/buildSpec.js";
import type { Outline } from "../outline/types.js";
import { personaColour } from "../personas/card.js";
import { truncate } from "../personas/catalog.js";
import type { OutgoingMessage } from "../platform.js";
import { LEAVE_OUT } from "./steps.js";

/** What the quick fork changes: one dial or one section's block. */
export interface QuickTarget {
  kind: "dial" | "block";
  id: string;
}

/** Custom ids of the quick fork's components, carrying the fork draft (parent, name, note). */
export const quickIds = {
  /** Two menus on one message need two custom ids: `kind` tells them apart. */
  menu: (draft: number, kind: QuickTarget["kind"]) => `persona:quick:${draft}:${kind}`,
  set: (draft: number, target: QuickTarget) => `persona:quickset:${draft}:${target.kind}:${target.id}`,
  back: (draft: number) => `persona:quickback:${draft}`,
};

/** Reads a menu value (`dial:warmth`, `block:honesty`) back into a target. */
export function parseTarget(value: string): QuickTarget | undefined {
  const [kind, id] = value.split(":");
  return (kind === "dial" || kind === "block") && id ? { kind, id } : undefined;
}

const select = (customId: string, placeholder: string, options: APISelectMenuOption[]) => ({
  type: ComponentType.ActionRow as const,
  components: [{ type: ComponentType.StringSelect as const, custom_id: customId, placeholder, options: options.slice(0, 25) }],
});

/**
 * The first message of a quick fork: one menu of the dials with their current levels,
 * one of the sections with their current blocks. Picking either asks for the new value.
 */
export function quickForkMenu(outline: Outline, choices: BuildChoices, draft: number, heading: string): OutgoingMessage {
  const dials = outline.dials.map((d) => {
    const level = d.levels.find((l) => l.value === choices.dials[d.id]);
    return { label: truncate(`${d.label}: ${level ? `${level.label} (${level.value})` : "unset"}`, 100), value: `dial:${d.id}`, description: truncate(d.description, 100) };
  });
  const sections = outline.sections.filter((s) => !s.fromDials && s.blocks.length > 0).map((s) => ({
    label: truncate(`${s.title}: ${choices.blocks[s.id] ?? "none"}`, 100), value: `block:${s.id}`, description: truncate(s.description, 100),
  }));
  return {
    content: heading,
    embeds: [{
      color: personaColour(choices.name),
      title: truncate(`Quick fork of ${choices.displayName ?? choices.name}`, 256),
      description: "Change **one** dial or **one** block; everything else stays word for word. A one-change fork is the cleanest experiment: whatever the votes, duels and probes say about it, they say about that change.",
    }],
    components: [select(quickIds.menu(draft, "dial"), "Change a dial…", dials), select(quickIds.menu(draft, "block"), "…or swap a section's block", sections)],
    ephemeral: true,
  };
}

/** The second message: the levels of the dial, or the blocks of the section, other than the current one. */
export function quickForkChoices(outline: Outline, choices: BuildChoices, draft: number, target: QuickTarget): OutgoingMessage | undefined {
  let title: string;
  let options: APISelectMenuOption[];
  if (target.kind === "dial") {
    const dial = outline.dials.find((d) => d.id === target.id);
    if (!dial) return undefined;
    const current = choices.dials[dial.id];
    title = `${dial.label}: now ${dial.levels.find((l) => l.value === current)?.label ?? "unset"}`;
    options = dial.levels.filter((l) => l.value !== current).map((l) => ({
      label: truncate(`${l.label} (${l.value})`, 100), value: String(l.value), description: truncate(l.text.replace(/\s+/g, " "), 100),
    }));
    if (current !== undefined) options.push({ label: "Unset", value: LEAVE_OUT, description: "Leave this dial to the model" });
  } else {
    const section = outline.sections.find((s) => s.id === target.id && !s.fromDials);
    if (!section) return undefined;
    const current = choices.blocks[section.id] ?? null;
    title = `${section.title}: now ${current ?? "none"}`;
    options = section.blocks.filter((b) => b.id !== current).map((b) => ({ label: truncate(`${b.id} (${b.tags.join(", ")})`, 100), value: b.id, description: truncate(b.summary, 100) }));
    if (current !== null) options.push({ label: "None", value: LEAVE_OUT, description: "Leave this section out" });
  }
  return {
    embeds: [{ color: personaColour(choices.name), title: truncate(title, 256), description: "Pick the new value: the fork is saved and announced at once." }],
    components: [
      select(quickIds.set(draft, target), "New value", options),
      { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Back", custom_id: quickIds.back(draft) }] },
    ],
    ephemeral: true,
  };
}
