import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { UserFacingError } from "../../src/errors.js";
import { truncate } from "../../src/personas/catalog.js";
import { startConversation } from "../../src/chat/startConversation.js";
import type { App } from "../../src/app.js";
import type { ResolvedModel } from "../../src/llm/registry.js";
import type { InteractionContext, OutgoingMessage } from "../../src/platform.js";
import type { VariantRow } from "../../src/store/variants.js";
import type { Subcommand } from "../types.js";
import { autocompletePersonaOrModel, modelOption, personaOption } from "./options.js";

/** `/persona try`: opens a thread where the persona talks with whoever joins. */
export const trySubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "try",
    description: "Open a thread and talk with a persona",
    options: [
      personaOption,
      modelOption,
      { type: ApplicationCommandOptionType.String, name: "message", description: "Your opening line", max_length: 2000 },
    ],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    if (!ctx.guildId || ctx.channel.isThread) {
      throw new UserFacingError("Run `/persona try` in a server's text channel: the conversation opens as a thread there.");
    }
    // Resolve before deferring publicly: a typo gets a fast, private answer.
    const variant = app.catalog.resolve(String(ctx.options.persona ?? ""));
    const model = app.models.resolve(String(ctx.options.model ?? variant.spec.model ?? app.config.defaultModel));
    await ctx.defer({ ephemeral: true });
    await ctx.reply(await openConversation(app, ctx, variant, model, typeof ctx.options.message === "string" ? ctx.options.message : undefined));
  },
};

/**
 * Opens a conversation thread with the variant in the interaction's channel, and returns
 * the private answer that links to it. The caller has checked it is a server's text channel.
 */
export async function openConversation(app: App, ctx: InteractionContext, variant: VariantRow, model: ResolvedModel, openingLine?: string): Promise<OutgoingMessage> {
  const { threadId } = await startConversation(app, { guildId: ctx.guildId!, channelId: ctx.channel.id, user: ctx.user, variant, model, openingLine });
  return {
    content: `Your conversation with **${truncate(variant.spec.displayName, 80)}** on \`${model.id}\` is open: <#${threadId}>. Anyone who joins the thread can talk with it.`,
    ephemeral: true,
  };
}
