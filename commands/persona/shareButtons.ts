import type { App } from "../../src/app.js";
import { UserFacingError } from "../../src/errors.js";
import type { InteractionContext } from "../../src/platform.js";
import { shortVariant } from "../../src/specs/variant.js";
import type { VariantRow } from "../../src/store/variants.js";
import type { Handler } from "../types.js";
import { openForkForm } from "./fork.js";
import { openConversation } from "./try.js";
import { EXPORT_FORMATS, variantFile } from "./variantFiles.js";

/** The variant a share button is about, from the id prefix in its custom id (`persona:share…:<id16>`). */
function sharedVariant(ctx: InteractionContext, app: App): VariantRow {
  const variant = app.store.variants.getByPrefix(ctx.customArgs[0] ?? "");
  if (!variant) throw new UserFacingError("This persona is not in this bot's database any more.");
  return variant;
}

/** Try: opens a conversation thread with exactly the shared variant, on its own model or the server's default. */
export const shareTryButton: Handler = async (ctx, app) => {
  if (!ctx.guildId || ctx.channel.isThread) {
    throw new UserFacingError("Conversations open as threads of a text channel: use this button, or `/persona try`, outside a thread.");
  }
  const variant = sharedVariant(ctx, app);
  const model = app.models.resolve(variant.spec.model ?? app.config.defaultModel);
  await ctx.defer({ ephemeral: true });
  await ctx.reply(await openConversation(app, ctx, variant, model));
};

/** Fork: the same form as `/persona fork`, filled in with the shared variant's text. */
export const shareForkButton: Handler = async (ctx, app) => {
  await openForkForm(ctx, app, sharedVariant(ctx, app), {});
};

/** Export: the variant in all three formats, for the member alone. */
export const shareExportButton: Handler = async (ctx, app) => {
  const variant = sharedVariant(ctx, app);
  // Drawing a PNG card can take longer than Discord's 3 seconds.
  await ctx.defer({ ephemeral: true });
  const files = await Promise.all(EXPORT_FORMATS.map((format) => variantFile(app.store, variant, format)));
  await ctx.reply({
    content: [
      `\`${shortVariant(variant.name, variant.id)}\` in three formats:`,
      `- \`${files[0]!.name}\`: our Markdown spec, to read, edit and bring back with \`/persona fork file:\` or \`/persona import\`.`,
      `- \`${files[1]!.name}\`: a Character Card V3 for SillyTavern, RisuAI and other card apps.`,
      `- \`${files[2]!.name}\`: the same card inside a PNG: the picture *is* the card, so share the file itself, not a screenshot.`,
    ].join("\n"),
    files,
    ephemeral: true,
  });
};
