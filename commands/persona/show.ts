import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { featureLine } from "../../src/features/featureLine.js";
import { variantFeatures } from "../../src/features/variantFeatures.js";
import { personaCard } from "../../src/personas/card.js";
import { probeColumns, probeLine } from "../../src/probeRuns/probeColumns.js";
import type { Subcommand } from "../types.js";
import { autocompletePersonaOrModel, personaOption } from "./options.js";

/** `/persona show`: the persona's summary card, with its spec file attached. */
export const showSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "show",
    description: "Show a persona's card and its spec file",
    options: [personaOption],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    const variant = app.catalog.resolve(String(ctx.options.persona ?? ""));
    await ctx.reply({
      embeds: [personaCard(variant, { model: variant.spec.model ?? app.config.defaultModel, probes: probeLine(probeColumns(app.store, variant.id), { withModel: true }), features: featureLine(variantFeatures(app, variant)) })],
      files: [{ name: `${variant.name}.md`, data: variant.source, description: `Spec of ${variant.name}` }],
    });
  },
};
