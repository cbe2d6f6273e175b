/** Internal records of the emulated Discord world, plus the public record types tests read. */
import type { APIMessage } from "discord.js";
import type { Overwrite } from "./permissions.js";

// JSON crossing the wire is validated field by field, so it is typed loosely on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface UserRec {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface RoleRec {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  mentionable: boolean;
  color: number;
  hoist: boolean;
  botId?: string;
}

export interface MemberRec {
  userId: string;
  roles: string[];
  joinedAt: string;
  nick: string | null;
}

export interface EmojiRec {
  id: string;
  name: string;
  animated: boolean;
  guildId: string;
}

export interface GuildRec {
  id: string;
  name: string;
  ownerId: string;
  roles: Map<string, RoleRec>;
  members: Map<string, MemberRec>;
  emojis: Map<string, EmojiRec>;
  botRoleId: string;
  memberRoleId: string;
  channelIds: string[];
}

export interface ThreadMeta {
  archived: boolean;
  autoArchiveDuration: number;
  archiveTimestamp: string;
  locked: boolean;
  invitable?: boolean;
  createTimestamp: string;
}

export interface ChannelRec {
  id: string;
  type: number; // 0 text, 11 public thread, 12 private thread
  guildId: string;
  name: string;
  position: number;
  parentId: string | null;
  topic: string | null;
  nsfw: boolean;
  rateLimitPerUser: number;
  overwrites: Overwrite[];
  lastMessageId: string | null;
  // threads only
  ownerId?: string;
  thread?: ThreadMeta;
  messageCount: number;
  totalMessageSent: number;
  threadMembers: Map<string, string>; // user id -> join timestamp
}

export interface AttachmentRec {
  id: string;
  filename: string;
  contentType: string | null;
  size: number;
  url: string;
  description?: string;
  title?: string;
}

export interface ReactionRec {
  emoji: { id: string | null; name: string; animated?: boolean };
  key: string; // "name" for unicode, "id" for custom
  users: string[];
}

export type MessageAuthor =
  | { kind: "user"; userId: string }
  | { kind: "webhook"; webhookId: string; username: string; avatarUrl: string | null };

export interface MessageRec {
  id: string;
  channelId: string;
  guildId: string;
  type: number;
  author: MessageAuthor;
  webhookId: string | null;
  applicationId: string | null;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: AttachmentRec[];
  flags: number;
  tts: boolean;
  nonce?: string | number;
  pinned: boolean;
  timestamp: string;
  editedTimestamp: string | null;
  mentionUsers: string[];
  mentionRoles: string[];
  mentionEveryone: boolean;
  allowedMentions?: Json;
  reference?: { type: number; message_id?: string; channel_id: string; guild_id?: string };
  reactions: ReactionRec[];
  threadId?: string;
  position?: number;
  interactionMetadata?: Json;
  interactionLegacy?: Json;
  /** set on ephemeral interaction messages: only this user sees it */
  ephemeralTo?: string;
  poll?: Json;
  deleted: boolean;
}

export interface WebhookRec {
  id: string;
  token: string;
  guildId: string;
  channelId: string;
  name: string;
  avatar: string | null;
  applicationId: string | null;
  creatorId: string;
}

export interface CommandRec {
  id: string;
  guildId: string | null;
  version: string;
  data: Json;
}

export interface StoredFile {
  data: Buffer;
  contentType: string | null;
}

/** One REST request the emulator answered. `at` is performance.now() when it arrived. */
export interface RequestRecord {
  method: string;
  route: string;
  path: string;
  query: string;
  status: number;
  at: number;
  body?: unknown;
  files?: { field: string; filename: string; size: number; contentType: string }[];
  response?: unknown;
}

/** A message (or edit) that would have notified someone on real Discord. */
export interface PingRecord {
  messageId: string;
  channelId: string;
  source: "channel" | "webhook" | "interaction";
  edit: boolean;
  everyone: boolean;
  here: boolean;
  users: string[];
  roles: string[];
  repliedUser: string | null;
  content: string;
  at: number;
}

export interface DispatchRecord {
  t: string;
  d: Json;
  at: number;
}

/** A component as stored: validated JSON, loosely typed so nested rows/buttons are easy to reach in tests. */
export interface LooseComponent {
  type: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** A message as the emulator hands it to tests: Discord's shape, with `components` always present. */
export type EmulatedMessage = Omit<APIMessage, "components"> & { components: LooseComponent[] };
