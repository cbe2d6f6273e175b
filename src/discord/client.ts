import { Client, GatewayIntentBits, Options, Partials } from "discord.js";
import type { Config } from "../config.js";

/**
 * The gateway intents the bot asks for. MessageContent is privileged: enable it for
 * the application in the developer portal, or the gateway closes with 4014.
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMessageReactions,
];

/** A discord.js client pointed at the configured REST base; the gateway URL comes from that base. */
export function createDiscordClient(config: Pick<Config, "discord">): Client {
  return new Client({
    intents: INTENTS,
    // Reactions on messages and by users not in the cache still arrive (votes must never be lost).
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User, Partials.GuildMember],
    // Model output must never ping anyone; every send also repeats this explicitly.
    allowedMentions: { parse: [], repliedUser: false },
    rest: config.discord.apiBaseUrl ? { api: config.discord.apiBaseUrl } : {},
    // Conversations live in the store, not in discord.js's caches: keep few messages per channel
    // (the default is 200, which across hundreds of busy threads is most of the bot's memory).
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 10 }),
  });
}
