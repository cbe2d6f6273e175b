import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { ExportFormat } from "../../src/cards/export.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { Subcommand } from "../types.js";
import { autocompletePersonaOrModel, personaOption } from "./options.js";
import { EXPORT_FORMATS, variantFile } from "./variantFiles.js";

/** What to do with each kind of file, said once, next to it. */
const ABOUT: Record<ExportFormat, string> = {
  "markdown": "our Markdown spec: read it, edit it, and bring it back with `/persona fork file:` or `/persona import`.",
  "card-json": "a Character Card V3 for SillyTavern, RisuAI and other card apps. Dials, sections and lineage ride along under `extensions.personalab`, so importing it here gives the same persona back.",
  "card-png": "a PNG card: the picture *is* the card (V2 and V3 chunks inside), so share the file itself, never a screenshot or a re-saved copy.",
};

/** `/persona export`: a persona as a file to download, for the member alone. */
export const exportSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "export",
    description: "Download a persona: Markdown, card JSON or PNG card",
    options: [
      personaOption,
      {
        type: ApplicationCommandOptionType.String, name: "format", description: "The file to make", required: true,
        choices: [
          { name: "Markdown spec (personalab)", value: "markdown" },
          { name: "Character Card V3 JSON", value: "card-json" },
          { name: "PNG card (V2 + V3)", value: "card-png" },
        ],
      },
    ],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    const variant = app.catalog.resolve(String(ctx.options.persona ?? ""));
    const format = EXPORT_FORMATS.find((f) => f === ctx.options.format) ?? "markdown";
    // Drawing a PNG card can take longer than Discord's 3 seconds.
    await ctx.defer({ ephemeral: true });
    const file = await variantFile(app.store, variant, format);
    await ctx.reply({ content: `\`${shortVariant(variant.name, variant.id)}\` as ${ABOUT[format]}`, files: [file], ephemeral: true });
  },
};
