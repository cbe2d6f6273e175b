/** Creating, editing and deleting messages: shared by channel routes, webhooks, interactions and emulated users. */
import type { Core } from "./core.js";
import { emptyMessage, FormErrors, singleFormError, threadArchived, threadLocked, tooLarge, type ErrorPath } from "./errors.js";
import { MESSAGE_FLAGS, validateMessageBody, type MessageContext } from "./limits.js";
import { computeMentions, pingsAnyone } from "./mentions.js";
import { P, ALL_PERMISSIONS } from "./permissions.js";
import { isoTimestamp, snowflake } from "./snowflake.js";
import type { UploadedFile } from "./multipart.js";
import type { AttachmentRec, ChannelRec, Json, MessageAuthor, MessageRec, PingRecord } from "./types.js";

export type AuthorSpec =
  | { kind: "bot" }
  | { kind: "webhook"; webhookId: string; name: string; applicationId: string | null }
  | { kind: "user"; userId: string };

export interface CreateArgs {
  channel: ChannelRec;
  body: Json;
  files: UploadedFile[];
  author: AuthorSpec;
  context: MessageContext;
  pingSource: PingRecord["source"];
  type?: number;
  extra?: Partial<MessageRec>;
  errorPrefix?: ErrorPath;
  /** deferred "thinking" messages are empty by design */
  allowEmpty?: boolean;
  /** skip validation (emulated users are not bound by the bot's API rules) */
  trusted?: boolean;
}

function storeAttachments(core: Core, channelId: string, files: UploadedFile[], meta: Json[] | undefined): AttachmentRec[] {
  const out: AttachmentRec[] = [];
  files.forEach((f, i) => {
    if (f.data.length > core.maxUploadBytes) throw tooLarge();
    const index = f.index ?? i;
    const m = meta?.find((a) => a && String(a.id) === String(index));
    const filename = typeof m?.filename === "string" && m.filename ? m.filename : f.filename;
    const id = snowflake();
    const key = `${channelId}/${id}/${filename}`;
    core.store.files.set(key, { data: f.data, contentType: f.contentType });
    out.push({
      id, filename, size: f.data.length, contentType: f.contentType,
      url: `${core.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
      ...(typeof m?.description === "string" ? { description: m.description } : {}),
      ...(typeof m?.title === "string" ? { title: m.title } : {}),
    });
  });
  return out;
}

function isEmpty(m: Pick<MessageRec, "content" | "embeds" | "attachments" | "components" | "poll">, stickers = 0): boolean {
  return m.content.trim() === "" && m.embeds.length === 0 && m.attachments.length === 0 && m.components.length === 0 && !m.poll && stickers === 0;
}

function authorPerms(core: Core, channel: ChannelRec, author: AuthorSpec): bigint {
  if (author.kind === "webhook") return ALL_PERMISSIONS; // webhooks may mention @everyone
  return core.store.permissionsIn(channel, author.kind === "bot" ? core.botId : author.userId);
}

function resolveReply(core: Core, channel: ChannelRec, ref: Json, prefix: ErrorPath): { ref: MessageRec | null; stored?: MessageRec["reference"] } {
  if (ref === undefined || ref === null) return { ref: null };
  const type = ref.type ?? 0;
  const target = core.store.messageIndex.get(String(ref.message_id));
  const channelId = ref.channel_id ? String(ref.channel_id) : channel.id;
  const found = target && !target.deleted && target.channelId === channelId && !target.ephemeralTo ? target : null;
  if (!found) {
    if (ref.fail_if_not_exists === false && type === 0) return { ref: null };
    throw singleFormError([...prefix, "message_reference"], "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
  }
  if (type === 0 && channelId !== channel.id) {
    throw singleFormError([...prefix, "message_reference"], "MESSAGE_REFERENCE_INVALID_CHANNEL", "Cannot reply to a message in another channel");
  }
  return { ref: type === 0 ? found : null, stored: { type, message_id: found.id, channel_id: found.channelId, guild_id: found.guildId } };
}

export function createMessage(core: Core, a: CreateArgs): MessageRec {
  const prefix = a.errorPrefix ?? [];
  const body = a.body ?? {};
  if (!a.trusted) validateMessageBody(body, { context: a.context, edit: false, fileCount: a.files.length, errorPrefix: prefix });
  const authorId = a.author.kind === "bot" ? core.botId : a.author.kind === "user" ? a.author.userId : a.author.webhookId;
  // enforce_nonce: a repeated nonce from the same author within minutes returns the first message
  if (body.enforce_nonce && body.nonce !== undefined && body.nonce !== null) {
    const dup = core.store.messages(a.channel.id).find((m) =>
      !m.deleted && m.nonce === body.nonce && (m.author.kind === "user" ? m.author.userId : m.author.webhookId) === authorId &&
      Date.now() - Date.parse(m.timestamp) < 5 * 60_000);
    if (dup) return dup;
  }
  const reply = resolveReply(core, a.channel, body.message_reference, prefix);
  const attachments = storeAttachments(core, a.channel.id, a.files, body.attachments);
  const guild = core.store.guildOf(a.channel);
  const content = typeof body.content === "string" ? body.content : "";
  const mentions = computeMentions(core.store, guild, {
    content, allowedMentions: body.allowed_mentions, authorId, authorPerms: authorPerms(core, a.channel, a.author),
    replyTo: reply.ref,
  });
  const author: MessageAuthor = a.author.kind === "webhook"
    ? { kind: "webhook", webhookId: a.author.webhookId, username: typeof body.username === "string" && body.username ? body.username : a.author.name, avatarUrl: body.avatar_url ?? null }
    : { kind: "user", userId: authorId };
  const m: MessageRec = {
    id: snowflake(), channelId: a.channel.id, guildId: a.channel.guildId, type: a.type ?? (reply.ref ? 19 : 0), author,
    webhookId: a.author.kind === "webhook" ? a.author.webhookId : null,
    applicationId: a.author.kind === "webhook" ? a.author.applicationId : null,
    content, embeds: Array.isArray(body.embeds) ? body.embeds.map((e: Json) => ({ type: "rich", ...e })) : [],
    components: Array.isArray(body.components) ? body.components : [], attachments,
    flags: Number(body.flags ?? 0), tts: body.tts === true, pinned: false, timestamp: isoTimestamp(), editedTimestamp: null,
    mentionUsers: mentions.mentionUsers, mentionRoles: mentions.mentionRoles, mentionEveryone: mentions.mentionEveryone,
    allowedMentions: body.allowed_mentions, reactions: [], deleted: false,
    ...(body.nonce !== undefined && body.nonce !== null ? { nonce: body.nonce } : {}),
    ...(reply.stored ? { reference: reply.stored } : {}),
    ...(body.poll ? { poll: body.poll } : {}),
    ...a.extra,
  };
  if (!a.allowEmpty && isEmpty(m, Array.isArray(body.sticker_ids) ? body.sticker_ids.length : 0)) throw emptyMessage();
  if (a.author.kind !== "user") core.touchThread(a.channel);
  core.store.insertMessage(m);
  if (a.author.kind !== "user" && pingsAnyone(mentions.ping)) {
    core.recordPing({ messageId: m.id, channelId: m.channelId, source: a.pingSource, edit: false, content, ...mentions.ping });
  }
  core.dispatchMessage("MESSAGE_CREATE", m);
  return m;
}

export interface EditArgs {
  context: MessageContext;
  pingSource: PingRecord["source"];
  errorPrefix?: ErrorPath;
  /** the edit completes a deferred response: clears the Loading flag */
  completesDeferral?: boolean;
}

export function editMessage(core: Core, m: MessageRec, body: Json, files: UploadedFile[], a: EditArgs): MessageRec {
  body = body ?? {};
  const prefix = a.errorPrefix ?? [];
  const v2 = m.flags & MESSAGE_FLAGS.IsComponentsV2;
  validateMessageBody({ ...body, flags: body.flags ?? (v2 || undefined) }, { context: a.context, edit: true, fileCount: files.length, errorPrefix: prefix });
  if (v2 && body.flags !== undefined && body.flags !== null && !(body.flags & MESSAGE_FLAGS.IsComponentsV2)) {
    throw singleFormError([...prefix, "flags"], "MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG", "Cannot remove the IS_COMPONENTS_V2 flag");
  }
  const next = { content: m.content, embeds: m.embeds, components: m.components, attachments: m.attachments, poll: m.poll };
  if ("content" in body) next.content = typeof body.content === "string" ? body.content : "";
  if ("embeds" in body) next.embeds = Array.isArray(body.embeds) ? body.embeds.map((e: Json) => ({ type: "rich", ...e })) : [];
  if ("components" in body) next.components = Array.isArray(body.components) ? body.components : [];
  if (Array.isArray(body.attachments)) {
    const keep = new Set(body.attachments.map((x: Json) => String(x?.id)));
    next.attachments = m.attachments.filter((x) => keep.has(x.id));
  } else if (body.attachments === null) next.attachments = [];
  if (files.length > 0) {
    const added = storeAttachments(core, m.channelId, files, body.attachments);
    if (next.attachments.length + added.length > 10) {
      const f = new FormErrors();
      f.add([...prefix, "attachments"], "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
      f.throwIfAny();
    }
    next.attachments = [...next.attachments, ...added];
  }
  if (isEmpty(next)) throw emptyMessage();
  const contentChanged = next.content !== m.content;
  Object.assign(m, next);
  if (body.flags !== undefined && body.flags !== null) {
    m.flags = (m.flags & ~MESSAGE_FLAGS.SuppressEmbeds) | (body.flags & MESSAGE_FLAGS.SuppressEmbeds);
  }
  const wasLoading = (m.flags & MESSAGE_FLAGS.Loading) !== 0;
  if (a.completesDeferral || wasLoading) m.flags &= ~MESSAGE_FLAGS.Loading;
  if (!wasLoading) m.editedTimestamp = isoTimestamp();
  if ("allowed_mentions" in body) m.allowedMentions = body.allowed_mentions;
  if (contentChanged || wasLoading) {
    const c = core.store.channel(m.channelId);
    const guild = core.store.guildOf(c);
    const before = new Set(m.mentionUsers);
    const replyTo = m.type === 19 && m.reference?.message_id ? core.store.messageIndex.get(m.reference.message_id) ?? null : null;
    const authorPerms = m.webhookId && m.author.kind === "webhook" ? ALL_PERMISSIONS : core.store.permissionsIn(c, core.botId);
    const mentions = computeMentions(core.store, guild, {
      content: m.content, allowedMentions: m.allowedMentions, authorId: core.botId, authorPerms,
      replyTo: wasLoading ? replyTo : null,
    });
    m.mentionUsers = mentions.mentionUsers;
    m.mentionRoles = mentions.mentionRoles;
    m.mentionEveryone = mentions.mentionEveryone;
    const fresh = { ...mentions.ping, users: mentions.ping.users.filter((u) => wasLoading || !before.has(u)) };
    if (pingsAnyone(fresh) && (m.author.kind === "webhook" || m.author.userId === core.botId)) {
      core.recordPing({ messageId: m.id, channelId: m.channelId, source: a.pingSource, edit: !wasLoading, content: m.content, ...fresh });
    }
  }
  core.dispatchMessage("MESSAGE_UPDATE", m);
  return m;
}

export function deleteMessage(core: Core, m: MessageRec): void {
  m.deleted = true;
  const c = core.store.channels.get(m.channelId);
  if (c && c.messageCount > 0 && m.position !== undefined) c.messageCount--;
  core.dispatchMessageDelete(m);
}

/** Permission needed for the bot to post in a channel or thread. */
export function sendPermission(c: ChannelRec): bigint {
  return c.type === 11 || c.type === 12 || c.type === 10 ? P.SendMessagesInThreads : P.SendMessages;
}

/**
 * Archived threads are read-only: edits, deletes and reactions fail with 50083 until the thread is unarchived
 * (sending a message unarchives it). A locked thread only takes writes from members with Manage Threads (160005).
 * `perms` is the actor's permissions in the thread (webhooks have none).
 */
export function assertThreadWritable(c: ChannelRec, perms: bigint, sending: boolean): void {
  if (!c.thread) return;
  if (c.thread.locked && !(perms & P.ManageThreads)) throw threadLocked();
  if (c.thread.archived && !sending) throw threadArchived();
}
