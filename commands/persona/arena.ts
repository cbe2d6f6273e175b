import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { chooseArenaPair } from "../../src/duels/arena.js";
import { arenaEntries } from "../../src/duels/arenaEntries.js";
import type { App } from "../../src/app.js";
import type { InteractionContext } from "../../src/platform.js";
import { UserFacingError } from "../../src/errors.js";
import { experimentBoost } from "../../src/insightReport/arenaExperiments.js";
import { computeInsights } from "../../src/insightReport/computeInsights.js";
import type { Subcommand } from "../types.js";
import { openDuel } from "./duel.js";
import { autocompletePersonaOrModel, modelOption } from "./options.js";

/** With the server's opt-in, favour the one-change forks insights most needs evidence on. */
async function experimentsFor(ctx: InteractionContext, app: App): Promise<((a: string, b: string) => number) | undefined> {
  const guildId = ctx.guildId;
  if (!guildId || ctx.channel.isThread || !app.store.insightSettings.get(guildId)?.arenaExperiments) return undefined;
  // The analysis can take longer than Discord's 3 seconds; the duel's answer is public anyway.
  await ctx.defer();
  const { data, report } = await computeInsights(app.store, app.outline, { guildId, bootstrap: 100 });
  return experimentBoost(report.suggestions, new Map(data.variants.map((v) => [v.id, v])), app.outline);
}

/** `/persona arena`: a blind duel between two specs the bot picks, where the outcome is least certain. */
export const arenaSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "arena",
    description: "A blind duel between two specs the bot picks",
    options: [
      { type: ApplicationCommandOptionType.String, name: "family", description: "Only variants of this persona family (e.g. lantern)", max_length: 32 },
      { ...modelOption, description: "provider/model for both (default: the server's)" },
      { type: ApplicationCommandOptionType.String, name: "message", description: "Your opening line", max_length: 2000 },
    ],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    const family = String(ctx.options.family ?? "").trim().toLowerCase() || undefined;
    const model = app.models.resolve(String(ctx.options.model ?? "").trim() || app.config.defaultModel);
    const { entries, battlesBetween, variants } = await arenaEntries(app.store, { guildId: ctx.guildId, family, model: model.id, candidates: app.catalog.list() });
    if (entries.length < 2) {
      throw new UserFacingError(family ? `The family \`${family.slice(0, 32)}\` has fewer than two variants to pit against each other.` : "The arena needs at least two personas.");
    }
    const [a, b] = chooseArenaPair(entries, battlesBetween, Math.random, await experimentsFor(ctx, app));
    await openDuel(ctx, app, [{ variant: variants.get(a.key)!, model }, { variant: variants.get(b.key)!, model }]);
  },
};
