/** Threads: create (with or without a starter message), membership, archived listing. */
import {
  FormErrors, missingPermissions, threadAlreadyCreated, threadArchived, unknownMember, wrongChannelType,
} from "../errors.js";
import { INTENTS } from "../intents.js";
import { MESSAGE_FLAGS } from "../limits.js";
import { createMessage } from "../messageOps.js";
import { P } from "../permissions.js";
import { channelJson, memberJson, threadMemberJson } from "../serialize.js";
import { isoTimestamp } from "../snowflake.js";
import { isThread } from "../state.js";
import { checkString } from "../validate.js";
import type { Core } from "../core.js";
import type { ChannelRec, Json, MessageRec } from "../types.js";
import { noContent, ok, type RestContext, type Router } from "./router.js";

const DURATIONS = [60, 1440, 4320, 10080];

function validateThreadBody(body: Json, allowedTypes: number[] | null): void {
  const errors = new FormErrors();
  checkString(errors, ["name"], body?.name, { min: 1, max: 100, required: true });
  if (body?.auto_archive_duration !== undefined && !DURATIONS.includes(body.auto_archive_duration)) {
    errors.add(["auto_archive_duration"], "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.");
  }
  if (allowedTypes && body?.type !== undefined && body.type !== null && !allowedTypes.includes(body.type)) {
    errors.add(["type"], "BASE_TYPE_CHOICES", `Value must be one of {${allowedTypes.join(", ")}}.`);
  }
  const rl = body?.rate_limit_per_user;
  if (rl !== undefined && rl !== null && (!Number.isInteger(rl) || rl < 0 || rl > 21600)) {
    errors.add(["rate_limit_per_user"], "NUMBER_TYPE_MAX", "int value should be between 0 and 21600.");
  }
  errors.throwIfAny();
}

/** Creates the thread record, adds the creator as a member and dispatches THREAD_CREATE. */
export function createThreadRec(
  core: Core, parent: ChannelRec,
  o: { name: string; type: number; ownerId: string; autoArchiveDuration?: number; invitable?: boolean; id?: string; rateLimitPerUser?: number },
): ChannelRec {
  const guild = core.store.guildOf(parent);
  const now = isoTimestamp();
  const t = core.store.addChannel(guild, {
    ...(o.id ? { id: o.id } : {}), name: o.name, type: o.type, parentId: parent.id, ownerId: o.ownerId,
    rateLimitPerUser: o.rateLimitPerUser ?? 0,
    thread: {
      archived: false, locked: false, autoArchiveDuration: o.autoArchiveDuration ?? 4320, archiveTimestamp: now, createTimestamp: now,
      ...(o.type === 12 ? { invitable: o.invitable ?? true } : {}),
    },
  });
  t.threadMembers.set(o.ownerId, now);
  core.dispatchChannel("THREAD_CREATE", t, { newly_created: true });
  return t;
}

function textParent(ctx: RestContext): ChannelRec {
  const c = ctx.core.store.channel(ctx.params.channel_id!);
  if (isThread(c) || (c.type !== 0 && c.type !== 5)) throw wrongChannelType();
  return c;
}

function createWithoutMessage(ctx: RestContext) {
  const { core } = ctx;
  const body = ctx.body ?? {};
  const parent = textParent(ctx);
  const perms = core.store.requireVisible(parent, core.botId);
  validateThreadBody(body, parent.type === 5 ? [10, 11, 12] : [11, 12]);
  // As on Discord: without an explicit type the thread is PRIVATE.
  const type: number = body.type ?? 12;
  if (!(perms & (type === 12 ? P.CreatePrivateThreads : P.CreatePublicThreads))) throw missingPermissions();
  const t = createThreadRec(core, parent, {
    name: body.name, type, ownerId: core.botId, autoArchiveDuration: body.auto_archive_duration ?? 4320,
    invitable: body.invitable, rateLimitPerUser: body.rate_limit_per_user,
  });
  if (type !== 12) {
    createMessage(core, {
      channel: parent, body: { content: t.name, allowed_mentions: { parse: [] } }, files: [], author: { kind: "bot" }, context: "channel", pingSource: "channel",
      type: 18, trusted: true, extra: { reference: { type: 0, channel_id: t.id, guild_id: t.guildId } },
    });
  }
  return ok(channelJson(core.store, t, { viewerId: core.botId }), 201);
}

function createFromMessage(ctx: RestContext) {
  const { core } = ctx;
  const body = ctx.body ?? {};
  const parent = textParent(ctx);
  const perms = core.store.requireVisible(parent, core.botId);
  const m: MessageRec = core.store.message(parent.id, ctx.params.message_id!);
  validateThreadBody(body, null);
  if (!(perms & P.CreatePublicThreads)) throw missingPermissions();
  if (m.threadId || m.ephemeralTo) throw threadAlreadyCreated();
  const t = createThreadRec(core, parent, {
    id: m.id, name: body.name, type: parent.type === 5 ? 10 : 11, ownerId: core.botId,
    autoArchiveDuration: body.auto_archive_duration ?? 4320, rateLimitPerUser: body.rate_limit_per_user,
  });
  m.threadId = t.id;
  m.flags |= MESSAGE_FLAGS.HasThread;
  core.dispatchMessage("MESSAGE_UPDATE", m);
  return ok(channelJson(core.store, t, { viewerId: core.botId }), 201);
}

function thread(ctx: RestContext): ChannelRec {
  const c = ctx.core.store.channel(ctx.params.channel_id!);
  if (!isThread(c)) throw wrongChannelType();
  ctx.core.store.requireVisible(c, ctx.core.botId);
  return c;
}

export function addThreadMember(core: Core, t: ChannelRec, userId: string): void {
  if (t.threadMembers.has(userId)) return;
  t.threadMembers.set(userId, isoTimestamp());
  const guild = core.store.guildOf(t);
  if (userId === core.botId) {
    core.gateway.broadcast("THREAD_MEMBER_UPDATE", INTENTS.Guilds, () => threadMemberJson(t, userId, t.guildId), t.guildId);
    return;
  }
  const m = guild.members.get(userId);
  core.gateway.broadcast("THREAD_MEMBERS_UPDATE", INTENTS.GuildMembers, () => ({
    id: t.id, guild_id: t.guildId, member_count: Math.min(50, t.threadMembers.size),
    added_members: [{ ...threadMemberJson(t, userId), ...(m ? { member: memberJson(core.store, guild, m) } : {}), presence: null }],
  }), t.guildId);
}

function removeThreadMember(core: Core, t: ChannelRec, userId: string): void {
  if (!t.threadMembers.delete(userId)) return;
  core.gateway.broadcast("THREAD_MEMBERS_UPDATE", userId === core.botId ? INTENTS.Guilds : INTENTS.GuildMembers, () => ({
    id: t.id, guild_id: t.guildId, member_count: Math.min(50, t.threadMembers.size), removed_member_ids: [userId],
  }), t.guildId);
}

function join(ctx: RestContext) {
  const t = thread(ctx);
  if (t.thread?.archived) throw threadArchived();
  addThreadMember(ctx.core, t, ctx.core.botId);
  return noContent();
}

function addMember(ctx: RestContext) {
  const { core } = ctx;
  const t = thread(ctx);
  const perms = core.store.permissionsIn(t, core.botId);
  if (t.thread?.archived) throw threadArchived();
  if (!(perms & P.SendMessagesInThreads)) throw missingPermissions();
  if (t.type === 12 && !t.thread?.invitable && !(perms & P.ManageThreads)) throw missingPermissions();
  if (!core.store.guildOf(t).members.has(ctx.params.user_id!)) throw unknownMember();
  addThreadMember(core, t, ctx.params.user_id!);
  return noContent();
}

function removeMember(ctx: RestContext) {
  const { core } = ctx;
  const t = thread(ctx);
  const userId = ctx.params.user_id ?? core.botId;
  if (userId !== core.botId) {
    const perms = core.store.permissionsIn(t, core.botId);
    const ownPrivate = t.type === 12 && t.ownerId === core.botId;
    if (!(perms & P.ManageThreads) && !ownPrivate) throw missingPermissions();
  }
  removeThreadMember(core, t, userId);
  return noContent();
}

function listMembers(ctx: RestContext) {
  const t = thread(ctx);
  return ok([...t.threadMembers.keys()].map((u) => threadMemberJson(t, u)));
}

function getMember(ctx: RestContext) {
  const t = thread(ctx);
  if (!t.threadMembers.has(ctx.params.user_id!)) throw unknownMember();
  return ok(threadMemberJson(t, ctx.params.user_id!));
}

function archived(type: "public" | "private") {
  return (ctx: RestContext) => {
    const { core } = ctx;
    const parent = textParent(ctx);
    const perms = core.store.requireVisible(parent, core.botId);
    if (!(perms & P.ReadMessageHistory) || (type === "private" && !(perms & P.ManageThreads))) throw missingPermissions();
    const threads = [...core.store.channels.values()].filter((c) =>
      c.parentId === parent.id && isThread(c) && c.thread?.archived && (type === "public" ? c.type !== 12 : c.type === 12));
    return ok({ threads: threads.map((c) => channelJson(core.store, c)), members: [], has_more: false });
  };
}

export function registerThreadRoutes(r: Router): void {
  r.add("POST", "/channels/:channel_id/threads", createWithoutMessage, { bucket: "threadCreate" });
  r.add("POST", "/channels/:channel_id/messages/:message_id/threads", createFromMessage, { bucket: "threadCreate" });
  r.add("PUT", "/channels/:channel_id/thread-members/@me", join);
  r.add("DELETE", "/channels/:channel_id/thread-members/@me", removeMember);
  r.add("PUT", "/channels/:channel_id/thread-members/:user_id", addMember);
  r.add("DELETE", "/channels/:channel_id/thread-members/:user_id", removeMember);
  r.add("GET", "/channels/:channel_id/thread-members", listMembers);
  r.add("GET", "/channels/:channel_id/thread-members/:user_id", getMember);
  r.add("GET", "/channels/:channel_id/threads/archived/public", archived("public"));
  r.add("GET", "/channels/:channel_id/threads/archived/private", archived("private"));
}
