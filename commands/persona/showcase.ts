import { ApplicationCommandOptionType, ChannelType } from "discord-api-types/v10";
import { UserFacingError } from "../../src/errors.js";
import type { Subcommand } from "../types.js";

/** `/persona showcase`: the channel where "Post to showcase" sends shared screenshots (server managers only). */
export const showcaseSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "showcase",
    description: "Where members post their best exchanges (Manage Server)",
    options: [{ type: ApplicationCommandOptionType.Channel, name: "channel", description: "The showcase channel; leave out to turn the showcase off", channel_types: [ChannelType.GuildText] }],
  },
  async execute(ctx, app) {
    if (!ctx.guildId) throw new UserFacingError("The showcase belongs to a server: run this in one.");
    if (!ctx.canManageServer) throw new UserFacingError("Only members with Manage Server can choose the showcase channel.");
    const channel = typeof ctx.options.channel === "string" ? ctx.options.channel : null;
    app.store.guildSettings.setShowcase(ctx.guildId, channel, ctx.user.id);
    await ctx.reply({
      content: channel ? `Shared screenshots can now be posted to <#${channel}> with **Post to showcase**.` : "The showcase is off: screenshots can still be posted in the channel they come from.",
      ephemeral: true,
    });
  },
};
