import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import { UserFacingError } from "../../src/errors.js";
import { duelKind, startDuel, type Contestant } from "../../src/duels/startDuel.js";
import type { InteractionContext } from "../../src/platform.js";
import type { Subcommand } from "../types.js";
import { autocompletePersonaOrModel, modelOption, personaOption } from "./options.js";

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** Two specs on one model, or one spec on two models (model_a and model_b). */
function contestants(ctx: InteractionContext, app: App): [Contestant, Contestant] {
  const a = app.catalog.resolve(String(ctx.options.a ?? ""));
  const bRef = text(ctx.options.b);
  const b = bRef ? app.catalog.resolve(bRef) : a;
  const modelA = text(ctx.options.model_a);
  const modelB = text(ctx.options.model_b);
  if (modelA || modelB) {
    if (!modelA || !modelB) throw new UserFacingError("A model duel needs both `model_a` and `model_b`.");
    return [{ variant: a, model: app.models.resolve(modelA) }, { variant: b, model: app.models.resolve(modelB) }];
  }
  if (!bRef) throw new UserFacingError("Name a second persona in `b`, or give `model_a` and `model_b` to pit one spec against itself on two models.");
  // Both specs run on one model, so the duel measures the specs: theirs if they agree, else the server's.
  const shared = a.spec.model && a.spec.model === b.spec.model ? a.spec.model : undefined;
  const model = app.models.resolve(text(ctx.options.model) ?? shared ?? app.config.defaultModel);
  return [{ variant: a, model }, { variant: b, model }];
}

/** Opens the duel and answers where it is, without naming who is in it. */
export async function openDuel(ctx: InteractionContext, app: App, sides: [Contestant, Contestant]): Promise<void> {
  if (!ctx.guildId || ctx.channel.isThread) throw new UserFacingError("Start a duel in a server's text channel: it opens as a thread there.");
  // Checked before answering publicly, so a refusal stays private.
  duelKind(sides);
  await ctx.defer();
  const { threadId } = await startDuel(app, {
    guildId: ctx.guildId, channelId: ctx.channel.id, user: ctx.user, sides, openingLine: text(ctx.options.message),
  });
  await ctx.reply({ content: `A blind duel is open: <#${threadId}>. Write there; every message gets two anonymous replies to vote on.` });
}

/** `/persona duel`: a blind duel thread between two contestants. */
export const duelSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "duel",
    description: "Open a blind duel: two specs on one model, or one spec on two models",
    options: [
      { ...personaOption, name: "a", description: "First persona (name, or name@id)" },
      { ...personaOption, name: "b", description: "Second persona (leave out for a model duel)", required: false },
      { ...modelOption, description: "provider/model for both (default: the server's)" },
      { ...modelOption, name: "model_a", description: "For a model duel: the first provider/model" },
      { ...modelOption, name: "model_b", description: "For a model duel: the second provider/model" },
      { type: ApplicationCommandOptionType.String, name: "message", description: "Your opening line", max_length: 2000 },
    ],
  },
  autocomplete: autocompletePersonaOrModel,
  async execute(ctx, app) {
    // Resolve before deferring publicly: a typo gets a fast, private answer.
    await openDuel(ctx, app, contestants(ctx, app));
  },
};
