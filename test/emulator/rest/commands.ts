/** Application command routes (global and guild): bulk overwrite, list, create, get, edit, delete. */
import { FormErrors, missingAccess, unknownCommand } from "../errors.js";
import { validateCommand, validateCommandList } from "../commandValidation.js";
import { snowflake } from "../snowflake.js";
import type { Core } from "../core.js";
import type { CommandRec, Json } from "../types.js";
import { noContent, ok, type RestContext, type Router } from "./router.js";

export function commandJson(core: Core, c: CommandRec): Json {
  const d = c.data;
  return {
    id: c.id, application_id: core.applicationId, version: c.version, default_member_permissions: d.default_member_permissions ?? null,
    type: d.type ?? 1, name: d.name, name_localizations: d.name_localizations ?? null, description: d.description ?? "",
    description_localizations: d.description_localizations ?? null, ...(c.guildId ? { guild_id: c.guildId } : { dm_permission: d.dm_permission ?? true }),
    contexts: d.contexts ?? null, integration_types: d.integration_types ?? [0], nsfw: d.nsfw ?? false,
    ...(Array.isArray(d.options) && d.options.length > 0 ? { options: d.options } : {}),
  };
}

function scope(ctx: RestContext): string | null {
  const { core, params } = ctx;
  if (params.application_id !== core.applicationId) throw missingAccess();
  if (!params.guild_id) return null;
  const g = core.store.guild(params.guild_id);
  if (!g.members.has(core.botId)) throw missingAccess();
  return g.id;
}

function upsert(core: Core, map: Map<string, CommandRec>, guildId: string | null, data: Json): CommandRec {
  const type = data.type ?? 1;
  const existing = [...map.values()].find((c) => (c.data.type ?? 1) === type && c.data.name === data.name);
  const rec: CommandRec = { id: existing?.id ?? snowflake(), guildId, version: snowflake(), data: { ...data, type } };
  map.set(rec.id, rec);
  return rec;
}

function bulk(ctx: RestContext) {
  const { core } = ctx;
  const guildId = scope(ctx);
  validateCommandList(ctx.body);
  const map = core.store.commandsFor(guildId);
  const old = new Map(map);
  map.clear();
  const out = (ctx.body as Json[]).map((d) => {
    const prev = [...old.values()].find((c) => (c.data.type ?? 1) === (d.type ?? 1) && c.data.name === d.name);
    const rec: CommandRec = { id: prev?.id ?? snowflake(), guildId, version: snowflake(), data: { ...d, type: d.type ?? 1 } };
    map.set(rec.id, rec);
    return commandJson(core, rec);
  });
  core.emit("commands", { guildId });
  return ok(out);
}

function create(ctx: RestContext) {
  const { core } = ctx;
  const guildId = scope(ctx);
  const errors = new FormErrors();
  validateCommand(errors, [], ctx.body);
  errors.throwIfAny();
  const rec = upsert(core, core.store.commandsFor(guildId), guildId, ctx.body);
  core.emit("commands", { guildId });
  return ok(commandJson(core, rec), 201);
}

function one(ctx: RestContext): { rec: CommandRec; map: Map<string, CommandRec>; guildId: string | null } {
  const guildId = scope(ctx);
  const map = ctx.core.store.commandsFor(guildId);
  const rec = map.get(ctx.params.command_id!);
  if (!rec) throw unknownCommand();
  return { rec, map, guildId };
}

function edit(ctx: RestContext) {
  const { rec } = one(ctx);
  const merged = { ...rec.data, ...ctx.body };
  const errors = new FormErrors();
  validateCommand(errors, [], merged);
  errors.throwIfAny();
  rec.data = merged;
  rec.version = snowflake();
  return ok(commandJson(ctx.core, rec));
}

export function registerCommandRoutes(r: Router): void {
  for (const base of ["/applications/:application_id/commands", "/applications/:application_id/guilds/:guild_id/commands"]) {
    r.add("GET", base, (ctx) => ok([...ctx.core.store.commandsFor(scope(ctx)).values()].map((c) => commandJson(ctx.core, c))));
    r.add("PUT", base, bulk);
    r.add("POST", base, create);
    r.add("GET", `${base}/:command_id`, (ctx) => ok(commandJson(ctx.core, one(ctx).rec)));
    r.add("PATCH", `${base}/:command_id`, edit);
    r.add("DELETE", `${base}/:command_id`, (ctx) => {
      const { rec, map } = one(ctx);
      map.delete(rec.id);
      return noContent();
    });
  }
}
