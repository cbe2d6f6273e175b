import { Events, Routes, type Client, type Message, type MessageReaction, type PartialMessageReaction, type PartialUser, type User } from "discord.js";
import { recordReaction } from "../votes/recordReaction.js";
import { createReactionQueue } from "../votes/reactionQueue.js";
import { reconcileVotes, type FetchReactors } from "../votes/reconcile.js";
import { createApp, type App } from "../app.js";
import { startInsightSchedule } from "../insightReport/schedule.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/index.js";
import { createDiscordClient } from "./client.js";
import { handleInteraction } from "./interactions.js";
import { createDiscordPlatform } from "./platform.js";

export interface RunningBot {
  app: App;
  stop(): Promise<void>;
}

/** Every user who reacted with an emoji, page by page (Discord returns at most 100 at a time). */
function fetchReactors(client: Client): FetchReactors {
  return async (threadId, messageId, emoji) => {
    const users: { id: string; bot: boolean }[] = [];
    for (let after = "0"; ; ) {
      const page = (await client.rest.get(Routes.channelMessageReaction(threadId, messageId, encodeURIComponent(emoji)), {
        query: new URLSearchParams({ limit: "100", after }),
      })) as { id: string; bot?: boolean }[];
      users.push(...page.map((u) => ({ id: u.id, bot: u.bot === true })));
      if (page.length < 100) return users;
      after = page[page.length - 1]!.id;
    }
  };
}

function authorName(message: Message): string {
  return message.member?.displayName ?? message.author.globalName ?? message.author.username;
}

/**
 * Logs the bot in and wires Discord events to the core: thread messages to the
 * conversation service, interactions to the command handlers.
 */
export async function startBot(deps: { config: Readonly<Config>; store: Store; logger: Logger }): Promise<RunningBot> {
  const { config, logger } = deps;
  const client = createDiscordClient(config);
  const platform = createDiscordPlatform(client, logger);
  const app = await createApp({ ...deps, platform });

  client.on(Events.MessageCreate, (message) => {
    const receivedAt = performance.now();
    // People only: no bots (ourselves included), no webhooks (our persona replies), no system messages.
    if (message.author.bot || message.webhookId || message.system || !message.channel.isThread()) return;
    try {
      const incoming = {
        threadId: message.channelId, messageId: message.id, authorId: message.author.id, authorName: authorName(message), content: message.content, receivedAt,
      };
      void (app.conversations.handleMessage(incoming) ?? app.duels.handleMessage(incoming));
    } catch (error) {
      logger.error({ err: error, message: message.id }, "could not take a thread message");
    }
  });
  const reactions = createReactionQueue(
    deps.store.db,
    (event) => {
      const outcome = recordReaction({ store: deps.store, votes: deps.store.votes, rules: config.votes, logger }, event);
      logger.debug({ message: event.messageId, user: event.userId, added: event.added, outcome }, "reaction");
    },
    logger,
  );
  const onReaction = (added: boolean) => (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) => {
    reactions.push({
      guildId: reaction.message.guildId, messageId: reaction.message.id, userId: user.id,
      userIsBot: user.partial ? undefined : user.bot, emoji: reaction.emoji.name, added,
      memberJoinedAt: reaction.message.guild?.members.cache.get(user.id)?.joinedTimestamp ?? undefined,
    });
  };
  client.on(Events.MessageReactionAdd, onReaction(true));
  client.on(Events.MessageReactionRemove, onReaction(false));
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, app));
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, "discord client warning"));
  client.rest.on("rateLimited", (info) => logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, "rate limited"));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.discord.token);
  await ready;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "bot ready");

  const stopInsights = startInsightSchedule(app, config.insightsCheckMs);
  const resumed = app.probes.resumeAll();
  if (resumed > 0) logger.info({ runs: resumed }, "probe runs resumed");

  // Reactions added or removed while the bot was away: counted or retracted now, in the background.
  if (config.votes.reconcileDays > 0 && config.votes.reconcileLimit > 0) {
    void reconcileVotes(
      { store: deps.store, rules: config.votes, logger, fetchReactors: fetchReactors(client) },
      { sinceMs: config.votes.reconcileDays * 86_400_000, limit: config.votes.reconcileLimit },
    ).catch((error: unknown) => logger.error({ err: error }, "vote reconciliation failed"));
  }

  return {
    app,
    async stop() {
      stopInsights();
      await client.destroy();
      await Promise.all([app.conversations.idle(), app.duels.idle()]);
    },
  };
}
