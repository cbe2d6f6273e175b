import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { Subcommand } from "../types.js";

/** `/persona privacy`: whether screenshots, transcripts and datasets may show your name. */
export const privacySubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "privacy",
    description: "Whether screenshots, transcripts and datasets may name you",
    options: [{ type: ApplicationCommandOptionType.Boolean, name: "named", description: "false: always appear as “Member N” in exports", required: true }],
  },
  async execute(ctx, app) {
    const named = ctx.options.named === true;
    app.store.privacy.setAnonymous(ctx.user.id, !named);
    await ctx.reply({
      content: named
        ? "Exports may show your name again (unless the person exporting anonymizes everyone)."
        : "From now on every screenshot, transcript and dataset shows you as “Member N”, with your mentions and ids removed. `/persona privacy named:true` undoes this.",
      ephemeral: true,
    });
  },
};
