import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { UserFacingError } from "../../src/errors.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { Subcommand } from "../types.js";
import { autocompletePersonaOrModel, personaOption } from "./options.js";

/** `/persona hide`: takes a variant out of lists (or brings it back); only its author or a server manager may. */
export const hideSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "hide",
    description: "Hide a variant from lists and leaderboards (its votes are kept)",
    options: [
      { ...personaOption, description: "Variant to hide (name, or name@id)" },
      { type: ApplicationCommandOptionType.Boolean, name: "show", description: "Show a hidden variant again" },
    ],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    const variant = app.catalog.resolve(String(ctx.options.persona ?? ""));
    const label = shortVariant(variant.name, variant.id);
    if (variant.authorId !== ctx.user.id && !ctx.canManageServer) {
      throw new UserFacingError(`Only the author of \`${label}\` or a member with Manage Server can hide it or show it again.`);
    }
    const show = ctx.options.show === true;
    app.store.variants.setHidden(variant.id, show ? null : ctx.user.id);
    app.logger.info({ variant: variant.id, by: ctx.user.id, show }, "variant visibility changed");
    await ctx.reply({
      content: show
        ? `\`${label}\` is listed again.`
        : `\`${label}\` is hidden: it no longer appears in lists, autocomplete, leaderboards or the arena. Its votes, ratings and transcripts are kept; \`/persona hide persona:${label} show:true\` brings it back.`,
      ephemeral: true,
    });
  },
};
