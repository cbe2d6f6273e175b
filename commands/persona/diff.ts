import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { diffForDiscord, specDiff } from "../../src/specs/diff.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { Subcommand } from "../types.js";
import { autocompletePersonaOrModel, personaOption } from "./options.js";

/** `/persona diff`: what changed between two specs, as a unified diff (attached when long). */
export const diffSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "diff",
    description: "Show what changed between two persona specs",
    options: [
      { ...personaOption, name: "a", description: "Older spec (name, or name@id)" },
      { ...personaOption, name: "b", description: "The newer spec" },
    ],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    const a = app.catalog.resolve(String(ctx.options.a ?? ""));
    const b = app.catalog.resolve(String(ctx.options.b ?? ""));
    const [la, lb] = [shortVariant(a.name, a.id), shortVariant(b.name, b.id)];
    const shown = diffForDiscord(specDiff({ label: `${la}.md`, text: a.source }, { label: `${lb}.md`, text: b.source }));
    await ctx.reply({
      content: [`\`${la}\` → \`${lb}\`: ${shown.summary}`, shown.inline].filter(Boolean).join("\n").slice(0, 2000),
      files: shown.attachment ? [{ name: shown.attachment.name, data: shown.attachment.data, description: `Diff of ${la} and ${lb}` }] : [],
    });
  },
};
