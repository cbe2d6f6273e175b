import { ApplicationCommandOptionType, ChannelType } from "discord-api-types/v10";
import { UserFacingError } from "../../src/errors.js";
import type { Subcommand } from "../types.js";

/** `/persona insights-setup`: where the insights report is posted when it changes, and whether the arena runs suggested experiments. */
export const insightsSetupSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "insights-setup",
    description: "Post insights when they change; arena experiments (Manage Server)",
    options: [
      { type: ApplicationCommandOptionType.Channel, name: "channel", description: "Where to post changed findings (leave out to stop)", channel_types: [ChannelType.GuildText] },
      { type: ApplicationCommandOptionType.Integer, name: "every_hours", description: "How often to check for changes (default 24)", min_value: 1, max_value: 168 },
      { type: ApplicationCommandOptionType.Boolean, name: "arena_experiments", description: "Let the arena favour duels that narrow the widest intervals" },
    ],
  },
  async execute(ctx, app) {
    if (!ctx.guildId) throw new UserFacingError("Insights settings belong to a server: run this in one.");
    if (!ctx.canManageServer) throw new UserFacingError("Only members with Manage Server can change where insights are posted.");
    const current = app.store.insightSettings.get(ctx.guildId);
    const channelId = typeof ctx.options.channel === "string" ? ctx.options.channel : null;
    const everyHours = typeof ctx.options.every_hours === "number" ? ctx.options.every_hours : (current?.everyHours ?? 24);
    const arenaExperiments = typeof ctx.options.arena_experiments === "boolean" ? ctx.options.arena_experiments : (current?.arenaExperiments ?? false);
    app.store.insightSettings.set(ctx.guildId, { channelId, everyHours, arenaExperiments }, ctx.user.id);
    const posting = channelId
      ? `Insights will be posted to <#${channelId}> whenever their findings change, checked every ${everyHours} hour${everyHours === 1 ? "" : "s"} (the first check is within minutes).`
      : "Insights are not posted anywhere; `/persona insights` still shows them.";
    const arena = arenaExperiments
      ? "`/persona arena` now favours pairs that test the least-known feature effects: a fork that changed one feature against its parent."
      : "`/persona arena` picks pairs by rating uncertainty alone.";
    await ctx.reply({ content: `${posting}\n${arena}`, ephemeral: true });
  },
};
