import type { BaseMessageOptions } from "discord.js";
import type { OutgoingMessage } from "../platform.js";

export const NO_MENTIONS = { parse: [], repliedUser: false } as const;

/** Our plain message data as discord.js send options, never allowing a mention to ping. Ephemerality is the caller's. */
export function toMessageOptions(message: OutgoingMessage): BaseMessageOptions {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    files: message.files?.map((f) => ({ attachment: typeof f.data === "string" ? Buffer.from(f.data, "utf8") : f.data, name: f.name, description: f.description })),
    allowedMentions: NO_MENTIONS,
  };
}
