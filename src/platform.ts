import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIModalInteractionResponseCallbackData } from "discord-api-types/v10";
import type { ThreadPort } from "./chat/conversation.js";

/**
 * Plain data for a message the bot sends. Shapes come from discord-api-types (the wire
 * format), so the core can build them without ever touching discord.js.
 */
export interface OutgoingMessage {
  content?: string;
  embeds?: APIEmbed[];
  files?: { name: string; data: Buffer | string; description?: string }[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only the person who asked sees it (interaction replies only). */
  ephemeral?: boolean;
}

/** What the core asks of the chat platform beyond a single interaction. */
export interface ChatPlatform extends ThreadPort {
  /** Creates a public thread under a text channel. */
  createThread(parentChannelId: string, name: string): Promise<{ id: string }>;
  /** Posts a bot message in a channel or thread; resolves to its id. */
  send(channelId: string, message: OutgoingMessage): Promise<string>;
  /** Replaces the content (and components) of a bot message. */
  edit(channelId: string, messageId: string, message: OutgoingMessage): Promise<void>;
}

/** One slash command, button or autocomplete request, as the adapter presents it to a handler. */
export interface InteractionContext {
  user: { id: string; name: string };
  guildId: string | null;
  /** The server's name, when Discord sent it (for provenance in exports). */
  guildName: string | null;
  channel: { id: string; name: string | null; isThread: boolean; parentId: string | null };
  /** The largest file this server lets the bot upload, in bytes. */
  attachmentSizeLimit: number;
  /** The subcommand's options (or the command's, if it has none), by name. */
  options: Readonly<Record<string, string | number | boolean | undefined>>;
  subcommand: string | null;
  /** For a message context-menu command: the message it was used on. */
  targetMessageId?: string;
  /** For buttons and forms: the custom id after the handler's prefix. */
  customArgs: readonly string[];
  /** Files given to attachment options, by option name. */
  attachments: Readonly<Record<string, UploadedFile>>;
  /** For a select menu: the values chosen. */
  values: readonly string[];
  /** For a submitted form: the text of each field, by custom id. */
  fields: Readonly<Record<string, string>>;
  /** Whether the member may manage the server (Discord's Manage Server permission). */
  canManageServer: boolean;
  /** The option being typed, for autocomplete. */
  focused?: { name: string; value: string };
  /** Acknowledges within Discord's 3-second deadline; work may take longer afterwards. */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
  /** The first answer, or the edit of a deferred one. */
  reply(message: OutgoingMessage): Promise<void>;
  followUp(message: OutgoingMessage): Promise<void>;
  /**
   * For buttons and selects: replace the message the component is on. Without `files` its
   * attachments stay; with `files` they are replaced (`[]` removes them).
   */
  update(message: OutgoingMessage): Promise<void>;
  /** For buttons: acknowledge without a new message. */
  deferUpdate(): Promise<void>;
  choices(choices: { name: string; value: string }[]): Promise<void>;
  /** Answers with a form (commands and buttons only, as the first answer). */
  showModal(modal: APIModalInteractionResponseCallbackData): Promise<void>;
}

/** A file a member attached to a command. */
export interface UploadedFile {
  name: string;
  url: string;
  size: number;
  contentType: string | null;
}
