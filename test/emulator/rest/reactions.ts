/** Reaction routes and the reaction state changes shared with emulated users. */
import { maxReactions, missingPermissions, unknownEmoji, unknownMessage, singleFormError } from "../errors.js";
import { INTENTS } from "../intents.js";
import { P } from "../permissions.js";
import { memberJson, userJson } from "../serialize.js";
import { assertThreadWritable } from "../messageOps.js";
import type { Core } from "../core.js";
import type { MessageRec, ReactionRec } from "../types.js";
import { noContent, ok, type RestContext, type Router } from "./router.js";

// A whole emoji sequence: pictographs, flags, keycaps, skin tones, ZWJ joins, variation selectors, tag sequences.
const UNICODE_EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[0-9#*]\uFE0F?\u20E3)(?:[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u200D\uFE0F\u20E3\u{E0020}-\u{E007F}])*$/u;

/** Parses "👍", "name:id" or "a:name:id" (as discord.js puts them in the path) into a reaction emoji. */
export function parseEmoji(core: Core, raw: string, guildId: string): ReactionRec["emoji"] & { key: string; external: boolean } {
  const custom = /^(a:)?([\w~]{1,32}):(\d{15,21})$/.exec(raw) ?? /^<(a?):([\w~]{1,32}):(\d{15,21})>$/.exec(raw);
  if (custom) {
    const e = core.store.emojis.get(custom[3]!);
    if (!e) throw unknownEmoji();
    return { id: e.id, name: e.name, ...(e.animated ? { animated: true } : {}), key: e.id, external: e.guildId !== guildId };
  }
  if (!UNICODE_EMOJI.test(raw) || [...raw].length > 16) throw unknownEmoji();
  return { id: null, name: raw, key: raw, external: false };
}

function reactionPayload(core: Core, m: MessageRec, userId: string, emoji: ReactionRec["emoji"]) {
  return { user_id: userId, channel_id: m.channelId, message_id: m.id, guild_id: m.guildId, emoji, burst: false, type: 0 };
}

export function applyReaction(core: Core, m: MessageRec, userId: string, e: ReturnType<typeof parseEmoji>): boolean {
  let r = m.reactions.find((x) => x.key === e.key);
  if (r?.users.includes(userId)) return false;
  if (!r) {
    if (m.reactions.length >= 20) throw maxReactions();
    r = { emoji: { id: e.id, name: e.name, ...(e.animated ? { animated: true } : {}) }, key: e.key, users: [] };
    m.reactions.push(r);
  }
  r.users.push(userId);
  const guild = core.store.guilds.get(m.guildId);
  const member = guild?.members.get(userId);
  const authorId = m.author.kind === "user" ? m.author.userId : m.author.webhookId;
  const c = core.store.channels.get(m.channelId);
  if (c && core.botCanSee(c) && !m.ephemeralTo) {
    core.gateway.broadcast("MESSAGE_REACTION_ADD", INTENTS.GuildMessageReactions, () => ({
      ...reactionPayload(core, m, userId, r!.emoji), message_author_id: authorId, burst_colors: [],
      ...(guild && member ? { member: memberJson(core.store, guild, member) } : {}),
    }), m.guildId);
  }
  core.emit("reaction", { type: "add", messageId: m.id, channelId: m.channelId, userId, emoji: r.emoji });
  return true;
}

export function unapplyReaction(core: Core, m: MessageRec, userId: string, key: string): boolean {
  const r = m.reactions.find((x) => x.key === key);
  if (!r || !r.users.includes(userId)) return false;
  r.users = r.users.filter((u) => u !== userId);
  if (r.users.length === 0) m.reactions = m.reactions.filter((x) => x !== r);
  const c = core.store.channels.get(m.channelId);
  if (c && core.botCanSee(c) && !m.ephemeralTo) {
    core.gateway.broadcast("MESSAGE_REACTION_REMOVE", INTENTS.GuildMessageReactions,
      () => reactionPayload(core, m, userId, r.emoji), m.guildId);
  }
  core.emit("reaction", { type: "remove", messageId: m.id, channelId: m.channelId, userId, emoji: r.emoji });
  return true;
}

function target(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  if (!(perms & P.ReadMessageHistory)) throw missingPermissions();
  const m = core.store.message(c.id, ctx.params.message_id!);
  if (m.ephemeralTo) throw unknownMessage();
  if (ctx.method !== "GET") assertThreadWritable(c, perms, false);
  return { c, m, perms };
}

function addOwn(ctx: RestContext) {
  const { core } = ctx;
  const { c, m, perms } = target(ctx);
  const e = parseEmoji(core, ctx.params.emoji!, c.guildId);
  const exists = m.reactions.some((r) => r.key === e.key);
  if (!exists && !(perms & P.AddReactions)) throw missingPermissions();
  if (e.external && !(perms & P.UseExternalEmojis)) throw missingPermissions();
  applyReaction(core, m, core.botId, e);
  return noContent();
}

function removeUser(ctx: RestContext) {
  const { core } = ctx;
  const { c, m, perms } = target(ctx);
  const userId = ctx.params.user_id ?? core.botId;
  if (userId !== core.botId && !(perms & P.ManageMessages)) throw missingPermissions();
  const e = parseEmoji(core, ctx.params.emoji!, c.guildId);
  unapplyReaction(core, m, userId, e.key);
  return noContent();
}

function listUsers(ctx: RestContext) {
  const { core, query } = ctx;
  const { c, m } = target(ctx);
  const e = parseEmoji(core, ctx.params.emoji!, c.guildId);
  const limit = Number(query.get("limit") ?? 25);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw singleFormError(["limit"], "NUMBER_TYPE_MAX", "int value should be between 1 and 100.");
  }
  const after = BigInt(query.get("after") ?? "0");
  const users = (m.reactions.find((r) => r.key === e.key)?.users ?? [])
    .filter((u) => BigInt(u) > after).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).slice(0, limit);
  return ok(users.map((u) => core.store.users.get(u)).filter((u) => !!u).map((u) => userJson(u!)));
}

function clear(ctx: RestContext) {
  const { core } = ctx;
  const { c, m, perms } = target(ctx);
  if (!(perms & P.ManageMessages)) throw missingPermissions();
  const key = ctx.params.emoji ? parseEmoji(core, ctx.params.emoji, c.guildId).key : null;
  const removed = m.reactions.filter((r) => key === null || r.key === key);
  m.reactions = m.reactions.filter((r) => !removed.includes(r));
  const base = { channel_id: m.channelId, message_id: m.id, guild_id: m.guildId };
  if (key === null) core.gateway.broadcast("MESSAGE_REACTION_REMOVE_ALL", INTENTS.GuildMessageReactions, () => base, m.guildId);
  else for (const r of removed) {
    core.gateway.broadcast("MESSAGE_REACTION_REMOVE_EMOJI", INTENTS.GuildMessageReactions, () => ({ ...base, emoji: r.emoji }), m.guildId);
  }
  return noContent();
}

export function registerReactionRoutes(r: Router): void {
  const base = "/channels/:channel_id/messages/:message_id/reactions";
  r.add("PUT", `${base}/:emoji/@me`, addOwn, { bucket: "reactions" });
  r.add("DELETE", `${base}/:emoji/@me`, removeUser, { bucket: "reactions" });
  r.add("DELETE", `${base}/:emoji/:user_id`, removeUser, { bucket: "reactions" });
  r.add("GET", `${base}/:emoji`, listUsers);
  r.add("DELETE", `${base}/:emoji`, clear, { bucket: "reactions" });
  r.add("DELETE", base, clear, { bucket: "reactions" });
}
