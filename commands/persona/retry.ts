import type { Handler } from "../types.js";

/** The Retry button under a failed reply: asks the model again for the unanswered messages. */
export const retryButton: Handler = async (ctx, app) => {
  await ctx.deferUpdate();
  await app.conversations.retry(ctx.channel.id);
};
