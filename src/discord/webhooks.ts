import { PermissionFlagsBits, type Client, type TextChannel, type Webhook } from "discord.js";
import type { Logger } from "../log.js";

/** The name of the one webhook the bot keeps per channel; Discord refuses names with "discord" or "clyde". */
const WEBHOOK_NAME = "personalab";

/**
 * Finds or creates the bot's webhook on a parent channel (webhooks cannot live on
 * threads). Resolves to undefined when the bot lacks Manage Webhooks, so callers fall
 * back to plain messages. One lookup per channel is shared by concurrent callers.
 */
export function createWebhookCache(client: Client, logger: Logger) {
  const cache = new Map<string, Promise<Webhook | undefined>>();

  async function acquire(channelId: string): Promise<Webhook | undefined> {
    const channel = (await client.channels.fetch(channelId)) as TextChannel | null;
    if (!channel || !("fetchWebhooks" in channel)) return undefined;
    const me = client.user && channel.permissionsFor(client.user);
    if (!me?.has(PermissionFlagsBits.ManageWebhooks)) return undefined;
    const existing = await channel.fetchWebhooks();
    // Only webhooks this application created come back with a token; others are unusable.
    const ours = existing.find((w) => w.token && w.applicationId === client.application?.id && w.name === WEBHOOK_NAME);
    return ours ?? (await channel.createWebhook({ name: WEBHOOK_NAME, reason: "Persona replies in threads" }));
  }

  return {
    get(channelId: string): Promise<Webhook | undefined> {
      let entry = cache.get(channelId);
      if (!entry) {
        entry = acquire(channelId).catch((error: unknown) => {
          logger.warn({ err: error, channelId }, "no webhook for persona replies; using plain messages");
          return undefined;
        });
        cache.set(channelId, entry);
      }
      return entry;
    },
    /** Forget a webhook that stopped working (deleted by a moderator). */
    forget(channelId: string): void {
      cache.delete(channelId);
    },
  };
}
