/** Channel webhooks: create/list/edit/delete, execute (with thread_id), and webhook message routes. */
import { randomBytes } from "node:crypto";
import {
  ApiError, FormErrors, invalidWebhookToken, maxWebhooks, missingPermissions, unknownChannel,
  unknownMessage, unknownWebhook, wrongChannelType,
} from "../errors.js";
import { INTENTS } from "../intents.js";
import { validateWebhookName } from "../limits.js";
import { assertThreadWritable, createMessage, deleteMessage, editMessage } from "../messageOps.js";
import { P } from "../permissions.js";
import { webhookJson } from "../serialize.js";
import { snowflake } from "../snowflake.js";
import { isThread } from "../state.js";
import type { Core } from "../core.js";
import type { ChannelRec, Json, MessageRec, WebhookRec } from "../types.js";
import { interactionWebhookRoutes } from "./interactionWebhooks.js";
import { noContent, ok, type RestContext, type Router } from "./router.js";

const json = (core: Core, w: WebhookRec, withToken = w.applicationId === core.applicationId) =>
  webhookJson(core.store, w, { token: withToken, apiBase: `${core.apiBase}/v10` });

function validateAvatar(errors: FormErrors, avatar: unknown): void {
  if (avatar === undefined || avatar === null) return;
  if (typeof avatar !== "string" || !/^data:image\/(png|jpeg|gif|webp);base64,/.test(avatar)) {
    errors.add(["avatar"], "IMAGE_INVALID", "Invalid image data");
  }
}

/** Creates a webhook record directly (for emulator setup: e.g. one made by another app or by a user). */
export function createWebhookRec(core: Core, c: ChannelRec, o: { name: string; applicationId: string | null; creatorId: string }): WebhookRec {
  const w: WebhookRec = {
    id: snowflake(), token: randomBytes(51).toString("base64url"), guildId: c.guildId, channelId: c.id, name: o.name,
    avatar: null, applicationId: o.applicationId, creatorId: o.creatorId,
  };
  core.store.webhooks.set(w.id, w);
  core.gateway.broadcast("WEBHOOKS_UPDATE", INTENTS.GuildWebhooks, () => ({ guild_id: c.guildId, channel_id: c.id }), c.guildId);
  return w;
}

function create(ctx: RestContext) {
  const { core } = ctx;
  const body = ctx.body ?? {};
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  if (isThread(c)) throw wrongChannelType(); // webhooks live on the parent channel
  if (!(perms & P.ManageWebhooks)) throw missingPermissions();
  const errors = new FormErrors();
  validateWebhookName(errors, ["name"], body.name, true);
  validateAvatar(errors, body.avatar);
  errors.throwIfAny();
  if ([...core.store.webhooks.values()].filter((w) => w.channelId === c.id).length >= 15) throw maxWebhooks();
  const w = createWebhookRec(core, c, { name: body.name, applicationId: core.applicationId, creatorId: core.botId });
  if (body.avatar) w.avatar = randomBytes(16).toString("hex");
  return ok(json(core, w));
}

function listChannel(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  if (isThread(c)) throw wrongChannelType();
  if (!(perms & P.ManageWebhooks)) throw missingPermissions();
  return ok([...core.store.webhooks.values()].filter((w) => w.channelId === c.id).map((w) => json(core, w)));
}

function listGuild(ctx: RestContext) {
  const { core } = ctx;
  const g = core.store.guild(ctx.params.guild_id!);
  if (!(core.store.guildPermissions(g, core.botId) & P.ManageWebhooks)) throw missingPermissions();
  return ok([...core.store.webhooks.values()].filter((w) => w.guildId === g.id).map((w) => json(core, w)));
}

function byId(ctx: RestContext, needToken: boolean): WebhookRec {
  const { core } = ctx;
  const w = core.store.webhooks.get(ctx.params.webhook_id!);
  if (!w) throw unknownWebhook();
  if (needToken) {
    if (ctx.params.token !== w.token) throw invalidWebhookToken();
  } else {
    const c = core.store.channel(w.channelId);
    if (!(core.store.permissionsIn(c, core.botId) & P.ManageWebhooks)) throw missingPermissions();
  }
  return w;
}

function modify(ctx: RestContext, withToken: boolean) {
  const { core } = ctx;
  const body = ctx.body ?? {};
  const w = byId(ctx, withToken);
  const errors = new FormErrors();
  if (body.name !== undefined) validateWebhookName(errors, ["name"], body.name, true);
  validateAvatar(errors, body.avatar);
  if (withToken && body.channel_id !== undefined) errors.add(["channel_id"], "WEBHOOK_CHANNEL_WITH_TOKEN", "Cannot change channel with a webhook token");
  errors.throwIfAny();
  if (typeof body.name === "string") w.name = body.name;
  if (body.channel_id) {
    const target = core.store.channel(String(body.channel_id));
    if (isThread(target) || target.guildId !== w.guildId) throw wrongChannelType();
    if (!(core.store.permissionsIn(target, core.botId) & P.ManageWebhooks)) throw missingPermissions();
    w.channelId = target.id;
  }
  return ok(json(core, w, !withToken && w.applicationId === core.applicationId));
}

function remove(ctx: RestContext, withToken: boolean) {
  const w = byId(ctx, withToken);
  ctx.core.store.webhooks.delete(w.id);
  return noContent();
}

/** The channel a webhook message goes to / lives in: the webhook's channel, or a thread of it via ?thread_id. */
function targetChannel(core: Core, w: WebhookRec, threadId: string | null): ChannelRec {
  if (!threadId) return core.store.channel(w.channelId);
  const t = core.store.channels.get(threadId);
  if (!t || !isThread(t) || t.parentId !== w.channelId) throw unknownChannel();
  return t;
}

function execute(ctx: RestContext) {
  const { core, query } = ctx;
  const w = byId(ctx, true);
  const body = ctx.body ?? {};
  const target = targetChannel(core, w, query.get("thread_id"));
  if (body.thread_name !== undefined) {
    throw new ApiError(400, { message: "Webhooks can only create threads in forum channels", code: 220003 });
  }
  assertThreadWritable(target, 0n, true);
  const m = createMessage(core, {
    channel: target, body, files: ctx.files, context: "webhook", pingSource: "webhook",
    author: { kind: "webhook", webhookId: w.id, name: w.name, applicationId: w.applicationId },
  });
  return query.get("wait") === "true" ? ok(core.fullMessage(m)) : noContent();
}

function webhookMessage(ctx: RestContext): { w: WebhookRec; m: MessageRec } {
  const { core } = ctx;
  const w = byId(ctx, true);
  const threadId = ctx.query.get("thread_id");
  const where = targetChannel(core, w, threadId);
  const m = core.store.messageIndex.get(ctx.params.message_id!);
  // A message inside a thread is only found when addressed with that thread's id, and vice versa.
  if (!m || m.deleted || m.webhookId !== w.id || m.channelId !== where.id) throw unknownMessage();
  if (ctx.method !== "GET") assertThreadWritable(where, 0n, false);
  return { w, m };
}

export function registerWebhookRoutes(r: Router): void {
  r.add("POST", "/channels/:channel_id/webhooks", create);
  r.add("GET", "/channels/:channel_id/webhooks", listChannel);
  r.add("GET", "/guilds/:guild_id/webhooks", listGuild);
  r.add("GET", "/webhooks/:webhook_id", (ctx) => ok(json(ctx.core, byId(ctx, false))));
  r.add("PATCH", "/webhooks/:webhook_id", (ctx) => modify(ctx, false));
  r.add("DELETE", "/webhooks/:webhook_id", (ctx) => remove(ctx, false));

  // Token routes serve both channel webhooks and interaction webhooks (id = application id).
  const iw = interactionWebhookRoutes;
  const isInteraction = (ctx: RestContext) => ctx.params.webhook_id === ctx.core.applicationId;
  const token = { auth: "none" as const };
  r.add("GET", "/webhooks/:webhook_id/:token", (ctx) => {
    if (isInteraction(ctx)) throw unknownWebhook();
    const w = byId(ctx, true);
    const out: Json = json(ctx.core, w, true);
    delete out.user;
    return ok(out);
  }, token);
  r.add("PATCH", "/webhooks/:webhook_id/:token", (ctx) => modify(ctx, true), token);
  r.add("DELETE", "/webhooks/:webhook_id/:token", (ctx) => remove(ctx, true), token);
  r.add("POST", "/webhooks/:webhook_id/:token", (ctx) => (isInteraction(ctx) ? iw.followUp(ctx) : execute(ctx)),
    { ...token, bucket: "webhookExecute" });
  r.add("GET", "/webhooks/:webhook_id/:token/messages/:message_id", (ctx) => {
    if (isInteraction(ctx)) return iw.get(ctx);
    return ok(ctx.core.fullMessage(webhookMessage(ctx).m));
  }, token);
  r.add("PATCH", "/webhooks/:webhook_id/:token/messages/:message_id", (ctx) => {
    if (isInteraction(ctx)) return iw.edit(ctx);
    const { m } = webhookMessage(ctx);
    editMessage(ctx.core, m, ctx.body, ctx.files, { context: "webhook", pingSource: "webhook" });
    return ok(ctx.core.fullMessage(m));
  }, { ...token, bucket: "webhookEdit" });
  r.add("DELETE", "/webhooks/:webhook_id/:token/messages/:message_id", (ctx) => {
    if (isInteraction(ctx)) return iw.remove(ctx);
    deleteMessage(ctx.core, webhookMessage(ctx).m);
    return noContent();
  }, { ...token, bucket: "messageDelete" });
}
