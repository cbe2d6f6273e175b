import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from "discord-api-types/v10";
import type { Handler } from "../types.js";

export const personaOption = {
  type: ApplicationCommandOptionType.String,
  name: "persona",
  description: "Persona name, or name@id for one variant",
  required: true,
  autocomplete: true,
  max_length: 100,
} as const satisfies APIApplicationCommandBasicOption;

export const modelOption = {
  type: ApplicationCommandOptionType.String,
  name: "model",
  description: "provider/model (default: the persona's or the server's)",
  autocomplete: true,
  max_length: 100,
} as const satisfies APIApplicationCommandBasicOption;

/** Autocomplete for the shared `persona` and `model` options. */
export const autocompletePersonaOrModel: Handler = async (ctx, app) => {
  const typed = ctx.focused?.value ?? "";
  if (ctx.focused?.name.startsWith("model")) {
    const q = typed.toLowerCase();
    const models = app.models.available().filter((m) => m.toLowerCase().includes(q));
    // Let people use a model that is not in the list: offer what they typed as the first choice.
    if (typed.includes("/") && !models.includes(typed)) models.unshift(typed.slice(0, 100));
    await ctx.choices(models.slice(0, 25).map((m) => ({ name: m, value: m })));
    return;
  }
  await ctx.choices(app.catalog.autocomplete(typed));
};
