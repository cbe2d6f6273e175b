import { ApplicationCommandOptionType, ButtonStyle, ComponentType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import { UserFacingError } from "../../src/errors.js";
import { shareCard, shareFacts } from "../../src/personas/shareCard.js";
import type { OutgoingMessage } from "../../src/platform.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { VariantRow } from "../../src/store/variants.js";
import type { Subcommand } from "../types.js";
import { autocompletePersonaOrModel, personaOption } from "./options.js";

/** Custom ids carry 16 hex digits of the variant id: unambiguous, and well inside Discord's 100 characters. */
export const buttonId = (action: string, variant: VariantRow) => `persona:${action}:${variant.id.slice(0, 16)}`;

/**
 * The public message that shows a persona to others: its share card, its spec file, and
 * buttons to talk with it, fork it, or take it to another app. Imports announce themselves
 * with it too, so a persona arriving from elsewhere is one click from being tried.
 */
export async function shareMessage(app: App, variant: VariantRow, options: { guildId: string | null; content: string; notes?: readonly string[] }): Promise<OutgoingMessage> {
  const { votes, duels } = app.config;
  const facts = await shareFacts(app.store, variant, {
    guildId: options.guildId, minVotes: votes.minVotes, minBattles: duels.minBattles, bootstrap: duels.bootstrapRounds,
  });
  return {
    content: options.content,
    embeds: [shareCard(variant, facts, options.notes)],
    files: [{ name: `${variant.name}.md`, data: variant.source, description: `Spec of ${variant.name}` }],
    components: [{
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Primary, label: "Try", emoji: { name: "💬" }, custom_id: buttonId("sharetry", variant) },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Fork", emoji: { name: "🍴" }, custom_id: buttonId("sharefork", variant) },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Export", emoji: { name: "📦" }, custom_id: buttonId("shareexport", variant) },
      ],
    }],
  };
}

/** `/persona share`: posts a persona's card for everyone, with Try, Fork and Export buttons. */
export const shareSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "share",
    description: "Post a persona's card with Try, Fork and Export buttons",
    options: [personaOption],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    const variant = app.catalog.resolve(String(ctx.options.persona ?? ""));
    const label = shortVariant(variant.name, variant.id);
    if (variant.hiddenAt !== null) {
      throw new UserFacingError(`\`${label}\` is hidden. Its author or a server manager can list it again with \`/persona hide persona:${label} show:true\`, then share it.`);
    }
    // Ratings may take a moment to fit: acknowledge publicly first, as the card will be public.
    await ctx.defer();
    await ctx.reply(await shareMessage(app, variant, { guildId: ctx.guildId, content: `**${ctx.user.name}** shared \`${label}\`.` }));
  },
};
