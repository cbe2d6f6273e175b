/** Gateway discovery, users, guilds, members, roles, channels (GET/PATCH/DELETE), typing, applications/@me. */
import { INTENTS } from "../intents.js";
import { ApiError, missingAccess, missingPermissions, threadArchived, unknownMember, unknownUser, FormErrors } from "../errors.js";
import { P } from "../permissions.js";
import { channelJson, guildJson, memberJson, roleJson, userJson } from "../serialize.js";
import { isThread } from "../state.js";
import { checkString } from "../validate.js";
import { isoTimestamp } from "../snowflake.js";
import { noContent, ok, type Router, type RestContext } from "./router.js";

function gatewayBot({ core }: RestContext) {
  return ok({
    url: core.gatewayUrl(), shards: 1,
    session_start_limit: { total: 1000, remaining: Math.max(0, 1000 - core.gateway.sessionStarts), reset_after: 86_400_000, max_concurrency: 1 },
  });
}

function botGuild(ctx: RestContext) {
  const g = ctx.core.store.guild(ctx.params.guild_id!);
  if (!g.members.has(ctx.core.botId)) throw missingAccess();
  return g;
}

function getChannel(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  core.store.requireVisible(c, core.botId);
  return ok(channelJson(core.store, c, { viewerId: core.botId }));
}

function patchChannel(ctx: RestContext) {
  const { core } = ctx;
  const body = ctx.body ?? {};
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  const errors = new FormErrors();
  if (body.name !== undefined) checkString(errors, ["name"], body.name, { min: 1, max: 100, required: true });
  errors.throwIfAny();
  if (!isThread(c) || !c.thread) {
    if (!(perms & P.ManageChannels)) throw missingPermissions();
    if (typeof body?.name === "string") c.name = body.name;
    if ("topic" in (body ?? {})) c.topic = body.topic ?? null;
    core.dispatchChannel("CHANNEL_UPDATE", c);
    return ok(channelJson(core.store, c, { viewerId: core.botId }));
  }
  // Threads: the owner may rename/archive their own unlocked thread; everything else needs Manage Threads.
  // An archived thread takes no other change unless the same request unarchives it.
  if (c.thread.archived && body.archived !== false && Object.keys(body).some((k) => k !== "archived")) throw threadArchived();
  const manage = (perms & P.ManageThreads) !== 0n;
  const owner = c.ownerId === core.botId && !c.thread.locked;
  if ("locked" in body || "invitable" in body || ("archived" in body && !body.archived && c.thread.locked)) {
    if (!manage) throw missingPermissions();
  }
  if (!manage && !owner) throw missingPermissions();
  if (typeof body.name === "string") c.name = body.name;
  if (typeof body.archived === "boolean") {
    c.thread.archived = body.archived;
    c.thread.archiveTimestamp = isoTimestamp();
  }
  if (typeof body.locked === "boolean") c.thread.locked = body.locked;
  if (typeof body.auto_archive_duration === "number") {
    if (![60, 1440, 4320, 10080].includes(body.auto_archive_duration)) {
      throw new ApiError(400, { message: "Invalid Form Body", code: 50035, errors: { auto_archive_duration: { _errors: [{ code: "BASE_TYPE_CHOICES", message: "Value must be one of {60, 1440, 4320, 10080}." }] } } });
    }
    c.thread.autoArchiveDuration = body.auto_archive_duration;
  }
  if (typeof body.invitable === "boolean") c.thread.invitable = body.invitable;
  core.dispatchChannel("THREAD_UPDATE", c);
  return ok(channelJson(core.store, c, { viewerId: core.botId }));
}

function deleteChannel(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  if (!(perms & (isThread(c) ? P.ManageThreads : P.ManageChannels))) throw missingPermissions();
  const json = channelJson(core.store, c);
  core.dispatchChannel(isThread(c) ? "THREAD_DELETE" : "CHANNEL_DELETE", c);
  core.store.channels.delete(c.id);
  const g = core.store.guildOf(c);
  g.channelIds = g.channelIds.filter((id) => id !== c.id);
  return ok(json);
}

function typing(ctx: RestContext) {
  const { core } = ctx;
  const c = core.store.channel(ctx.params.channel_id!);
  const perms = core.store.requireVisible(c, core.botId);
  if (!(perms & (isThread(c) ? P.SendMessagesInThreads : P.SendMessages))) throw missingPermissions();
  core.gateway.broadcast("TYPING_START", INTENTS.GuildMessageTyping, () => ({
    channel_id: c.id, guild_id: c.guildId, user_id: core.botId, timestamp: Math.floor(Date.now() / 1000),
  }), c.guildId);
  return noContent();
}

function applicationJson(ctx: RestContext) {
  const { core } = ctx;
  return ok({
    id: core.applicationId, name: core.botUser.username, icon: null, description: "", summary: "", type: null,
    bot_public: true, bot_require_code_grant: false, verify_key: "0".repeat(64), flags: 0,
    owner: userJson(core.botUser), team: null, bot: core.botUserJson(), approximate_guild_count: core.store.guilds.size,
    install_params: { scopes: ["bot", "applications.commands"], permissions: "0" }, integration_types_config: { 0: {} },
  });
}

export function registerMiscRoutes(r: Router): void {
  r.add("GET", "/gateway", ({ core }) => ok({ url: core.gatewayUrl() }), { auth: "none", bucket: null });
  r.add("GET", "/gateway/bot", gatewayBot);
  r.add("GET", "/users/@me", ({ core }) => ok(core.botUserJson()));
  r.add("GET", "/users/:user_id", ({ core, params }) => {
    const u = core.store.users.get(params.user_id!);
    if (!u) throw unknownUser();
    return ok(userJson(u));
  });
  r.add("GET", "/users/@me/guilds", ({ core }) => ok([...core.store.guilds.values()].map((g) => ({
    id: g.id, name: g.name, icon: null, banner: null, owner: false, features: [],
    permissions: core.store.guildPermissions(g, core.botId).toString(),
  }))));
  r.add("GET", "/applications/@me", applicationJson);
  r.add("GET", "/oauth2/applications/@me", applicationJson);
  r.add("GET", "/guilds/:guild_id", (ctx) => ok(guildJson(botGuild(ctx))));
  r.add("GET", "/guilds/:guild_id/channels", (ctx) => {
    const g = botGuild(ctx);
    return ok(g.channelIds.map((id) => ctx.core.store.channels.get(id)!).filter((c) => !isThread(c))
      .map((c) => channelJson(ctx.core.store, c)));
  });
  r.add("GET", "/guilds/:guild_id/roles", (ctx) => ok([...botGuild(ctx).roles.values()].map(roleJson)));
  r.add("GET", "/guilds/:guild_id/members/:user_id", (ctx) => {
    const g = botGuild(ctx);
    const id = ctx.params.user_id === "@me" ? ctx.core.botId : ctx.params.user_id!;
    const m = g.members.get(id);
    if (!m) throw unknownMember();
    return ok(memberJson(ctx.core.store, g, m));
  });
  r.add("GET", "/guilds/:guild_id/members", (ctx) => {
    const g = botGuild(ctx);
    // Listing members needs the privileged Server Members intent enabled for the app.
    if (!ctx.core.privilegedIntents.guildMembers) throw missingAccess();
    const limit = Math.min(1000, Number(ctx.query.get("limit") ?? 1));
    const after = ctx.query.get("after") ?? "0";
    const list = [...g.members.values()].filter((m) => BigInt(m.userId) > BigInt(after))
      .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1)).slice(0, limit);
    return ok(list.map((m) => memberJson(ctx.core.store, g, m)));
  });
  r.add("GET", "/channels/:channel_id", getChannel);
  r.add("PATCH", "/channels/:channel_id", patchChannel);
  r.add("DELETE", "/channels/:channel_id", deleteChannel);
  r.add("POST", "/channels/:channel_id/typing", typing, { bucket: "typing" });
  r.add("GET", "/guilds/:guild_id/threads/active", (ctx) => {
    const g = botGuild(ctx);
    const threads = g.channelIds.map((id) => ctx.core.store.channels.get(id)!)
      .filter((c) => isThread(c) && !c.thread?.archived && ctx.core.botCanSee(c));
    return ok({
      threads: threads.map((c) => channelJson(ctx.core.store, c)),
      members: threads.filter((c) => c.threadMembers.has(ctx.core.botId)).map((c) => ({
        id: c.id, user_id: ctx.core.botId, join_timestamp: c.threadMembers.get(ctx.core.botId), flags: 1,
      })),
    });
  });
}
