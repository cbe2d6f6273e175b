import { ApplicationCommandOptionType, type APIEmbed } from "discord-api-types/v10";
import { truncate } from "../../src/personas/catalog.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { Subcommand } from "../types.js";

/** Embed descriptions hold 4,096 characters; one line per persona fits about 25. */
const PER_EMBED = 20;

/** `/persona list`: every persona people can try, with its current variant. */
export const listSubcommand: Subcommand = {
  data: { type: ApplicationCommandOptionType.Subcommand, name: "list", description: "List the personas you can talk with" },
  async execute(ctx, app) {
    const personas = app.catalog.list();
    if (personas.length === 0) {
      await ctx.reply({ content: "No personas are loaded yet. Add spec files to the personas folder and restart the bot.", ephemeral: true });
      return;
    }
    const lines = personas.map(
      (v) => `**${truncate(v.spec.displayName, 60)}** · \`${shortVariant(v.name, v.id)}\`\n${truncate(v.spec.description, 160)}`,
    );
    const embeds: APIEmbed[] = [];
    for (let i = 0; i < lines.length && embeds.length < 10; i += PER_EMBED) {
      embeds.push({
        title: i === 0 ? `Personas (${personas.length})` : undefined,
        description: lines.slice(i, i + PER_EMBED).join("\n\n"),
        color: 0x5865f2,
      });
    }
    embeds[embeds.length - 1]!.footer = { text: "Start a conversation with /persona try · see a spec with /persona show" };
    await ctx.reply({ embeds, ephemeral: true });
  },
};
