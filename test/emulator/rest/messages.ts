/** Channel message routes: create, list, fetch, edit, delete, bulk delete. */
import { ApiError, cannotEditOthers, missingPermissions, singleFormError } from "../errors.js";
import { P } from "../permissions.js";
import { assertThreadWritable, createMessage, deleteMessage, editMessage, sendPermission } from "../messageOps.js";
import { isoTimestamp, snowflakeTime } from "../snowflake.js";
import { INTENTS } from "../intents.js";
import type { Core } from "../core.js";
import type { ChannelRec, MessageRec } from "../types.js";
import { noContent, ok, type RestContext, type Router } from "./router.js";

/** The bot's own messages (interaction responses included; webhook messages are not the bot's). */
const isBotAuthored = (core: Core, m: MessageRec) => m.author.kind === "user" && m.author.userId === core.botId;

/** Checks the bot may post in `c` (view, send / send-in-threads, not a locked archived thread). */
export function requireCanPost(core: Core, c: ChannelRec): bigint {
  const perms = core.store.requireVisible(c, core.botId);
  if (!(perms & sendPermission(c))) throw missingPermissions();
  assertThreadWritable(c, perms, true);
  return perms;
}

function create(ctx: RestContext) {
  const { core, files } = ctx;
  const body = ctx.body ?? {};
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = requireCanPost(core, c);
  if (files.length > 0 && !(perms & P.AttachFiles)) throw missingPermissions();
  if (body.message_reference && !(perms & P.ReadMessageHistory)) throw missingPermissions();
  // Without Embed Links Discord accepts the message but drops its embeds; without Send TTS it is not spoken.
  const effective = { ...body };
  if (!(perms & P.EmbedLinks) && Array.isArray(body.embeds)) effective.embeds = [];
  if (!(perms & P.SendTTSMessages)) effective.tts = false;
  const m = createMessage(core, { channel: c, body: effective, files, author: { kind: "bot" }, context: "channel", pingSource: "channel" });
  return ok(core.restMessage(m));
}

function list(ctx: RestContext) {
  const { core, query } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  const limit = Number(query.get("limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw singleFormError(["limit"], "NUMBER_TYPE_MAX", "int value should be between 1 and 100.");
  }
  if (!(perms & P.ReadMessageHistory)) return ok([]);
  let msgs = core.store.messages(c.id).filter((m) => !m.deleted && !m.ephemeralTo);
  const before = query.get("before");
  const after = query.get("after");
  const around = query.get("around");
  if (around) {
    const idx = msgs.findIndex((m) => BigInt(m.id) >= BigInt(around));
    const half = Math.floor(limit / 2);
    const centre = idx === -1 ? msgs.length : idx;
    msgs = msgs.slice(Math.max(0, centre - half), Math.max(0, centre - half) + limit);
    return ok(msgs.reverse().map((m) => core.restMessage(m)));
  }
  if (before) msgs = msgs.filter((m) => BigInt(m.id) < BigInt(before));
  if (after) {
    msgs = msgs.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
    return ok(msgs.reverse().map((m) => core.restMessage(m)));
  }
  return ok(msgs.slice(-limit).reverse().map((m) => core.restMessage(m)));
}

function fetchOne(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  if (!(perms & P.ReadMessageHistory)) throw missingPermissions();
  const m = core.store.message(c.id, ctx.params.message_id!);
  if (m.ephemeralTo) throw new ApiError(404, { message: "Unknown Message", code: 10008 });
  return ok(core.restMessage(m));
}

function edit(ctx: RestContext) {
  const { core, files } = ctx;
  const body = ctx.body ?? {};
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  const m = core.store.message(c.id, ctx.params.message_id!);
  if (m.ephemeralTo) throw new ApiError(404, { message: "Unknown Message", code: 10008 });
  if (!isBotAuthored(core, m)) {
    // Others' messages: only the suppress-embeds flag may be changed, and that needs Manage Messages.
    const onlyFlags = Object.keys(body).every((k) => k === "flags" || body[k] === undefined);
    if (!onlyFlags) throw cannotEditOthers();
    if (!(perms & P.ManageMessages)) throw missingPermissions();
  }
  if (files.length > 0 && !(perms & P.AttachFiles)) throw missingPermissions();
  assertThreadWritable(c, perms, false);
  editMessage(core, m, body, files, { context: "channel", pingSource: "channel" });
  return ok(core.restMessage(m));
}

function remove(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  const m = core.store.message(c.id, ctx.params.message_id!);
  if (m.ephemeralTo) throw new ApiError(404, { message: "Unknown Message", code: 10008 });
  if (!isBotAuthored(core, m) && !(perms & P.ManageMessages)) throw missingPermissions();
  assertThreadWritable(c, perms, false);
  deleteMessage(core, m);
  return noContent();
}

function bulkDelete(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  if (!(perms & P.ManageMessages)) throw missingPermissions();
  const ids: unknown = ctx.body?.messages;
  if (!Array.isArray(ids) || ids.length < 2 || ids.length > 100) {
    throw singleFormError(["messages"], "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length.");
  }
  const twoWeeks = 14 * 24 * 3600_000;
  ids.forEach((id, i) => {
    if (Date.now() - snowflakeTime(String(id)) > twoWeeks) {
      throw singleFormError(["messages", i], "MESSAGE_BULK_DELETE_TOO_OLD", "You can only bulk delete messages that are under 14 days old.");
    }
  });
  for (const id of ids) {
    const m = core.store.messageIndex.get(String(id));
    if (m && !m.deleted && m.channelId === c.id && !m.ephemeralTo) deleteMessage(core, m);
  }
  return noContent();
}

function pin(pinned: boolean) {
  return (ctx: RestContext) => {
    const { core } = ctx;
    const c = core.store.channel(ctx.params.channel_id!);
    const perms = core.store.requireVisible(c, core.botId);
    if (!(perms & (P.PinMessages | P.ManageMessages))) throw missingPermissions();
    const m = core.store.message(c.id, ctx.params.message_id!);
    if (m.ephemeralTo) throw new ApiError(404, { message: "Unknown Message", code: 10008 });
    if (pinned && !m.pinned && core.store.messages(c.id).filter((x) => x.pinned && !x.deleted).length >= 250) {
      throw new ApiError(400, { message: "Maximum number of pins reached (250)", code: 30003 });
    }
    if (m.pinned !== pinned) {
      m.pinned = pinned;
      core.dispatchMessage("MESSAGE_UPDATE", m);
      core.gateway.broadcast("CHANNEL_PINS_UPDATE", INTENTS.Guilds, () => ({ guild_id: c.guildId, channel_id: c.id, last_pin_timestamp: pinned ? isoTimestamp() : null }), c.guildId);
    }
    return noContent();
  };
}

function listPins(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  if (!(perms & P.ReadMessageHistory)) return ok(ctx.path.includes("/messages/pins") ? { items: [], has_more: false } : []);
  const pinned = core.store.messages(c.id).filter((m) => m.pinned && !m.deleted).reverse();
  if (!ctx.path.includes("/messages/pins")) return ok(pinned.map((m) => core.restMessage(m)));
  return ok({ items: pinned.map((m) => ({ pinned_at: m.timestamp, message: core.restMessage(m) })), has_more: false });
}

export function registerMessageRoutes(r: Router): void {
  for (const base of ["/channels/:channel_id/pins", "/channels/:channel_id/messages/pins"]) {
    r.add("GET", base, listPins);
    r.add("PUT", `${base}/:message_id`, pin(true));
    r.add("DELETE", `${base}/:message_id`, pin(false));
  }
  r.add("POST", "/channels/:channel_id/messages", create, { bucket: "messageCreate" });
  r.add("GET", "/channels/:channel_id/messages", list);
  r.add("GET", "/channels/:channel_id/messages/:message_id", fetchOne);
  r.add("PATCH", "/channels/:channel_id/messages/:message_id", edit, { bucket: "messageEdit" });
  r.add("DELETE", "/channels/:channel_id/messages/:message_id", remove, { bucket: "messageDelete" });
  r.add("POST", "/channels/:channel_id/messages/bulk-delete", bulkDelete, { bucket: "messageDelete" });
}
