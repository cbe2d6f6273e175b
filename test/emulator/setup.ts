/** Building the emulated world: guilds, channels, users, members, roles, permissions, emojis, foreign webhooks. */
import type { APIGuild, APIGuildMember, APIRole, APITextChannel, APIUser, APIWebhook } from "discord.js";
import { INTENTS } from "./intents.js";
import { resolvePermissions, type Overwrite } from "./permissions.js";
import { guildJson, memberJson, roleJson, userJson, channelJson } from "./serialize.js";
import { isoTimestamp, snowflake } from "./snowflake.js";
import { createWebhookRec } from "./rest/webhooks.js";
import type { Core } from "./core.js";
import type { GuildRec, RoleRec } from "./types.js";

export type PermissionInput = bigint | number | string | readonly string[];

export interface OverwriteInput {
  id: string;
  type: "role" | "member" | 0 | 1;
  allow?: PermissionInput;
  deny?: PermissionInput;
}

const toOverwrite = (o: OverwriteInput): Overwrite => ({
  id: o.id, type: o.type === "member" || o.type === 1 ? 1 : 0,
  allow: o.allow === undefined ? 0n : resolvePermissions(o.allow), deny: o.deny === undefined ? 0n : resolvePermissions(o.deny),
});

export function createUser(core: Core, o: { username: string; bot?: boolean; createdAt?: Date; globalName?: string }): APIUser {
  const u = core.store.addUser({ id: snowflake(o.createdAt), username: o.username, globalName: o.globalName ?? null, bot: o.bot ?? false });
  return userJson(u) as APIUser;
}

export function createGuild(core: Core, o: { name: string; ownerId?: string }): APIGuild {
  const ownerId = o.ownerId ?? createUser(core, { username: `${o.name.toLowerCase().replace(/\W+/g, "-")}-owner` }).id;
  if (!core.store.users.has(ownerId)) throw new Error(`unknown owner ${ownerId}`);
  const g = core.store.createGuild(o.name, ownerId, core.botId, core.botUser.username);
  core.gateway.broadcast("GUILD_CREATE", INTENTS.Guilds, (s) => core.guildCreatePayload(g.id, s), g.id);
  return guildJson(g) as APIGuild;
}

export function createTextChannel(core: Core, guildId: string, o: { name: string; topic?: string; permissionOverwrites?: OverwriteInput[] }): APITextChannel {
  const g = core.store.guild(guildId);
  const c = core.store.addChannel(g, { name: o.name, type: 0, topic: o.topic ?? null, overwrites: (o.permissionOverwrites ?? []).map(toOverwrite) });
  core.dispatchChannel("CHANNEL_CREATE", c);
  return channelJson(core.store, c) as APITextChannel;
}

function permissionRole(g: GuildRec, perms: bigint): RoleRec {
  const name = `perms-${perms.toString(16)}`;
  const existing = [...g.roles.values()].find((r) => r.name === name);
  if (existing) return existing;
  const role: RoleRec = { id: snowflake(), name, permissions: perms, position: g.roles.size, managed: false, mentionable: false, color: 0, hoist: false };
  g.roles.set(role.id, role);
  return role;
}

export function addMember(core: Core, guildId: string, userId: string,
  o: { roles?: string[]; joinedAt?: Date; permissions?: PermissionInput; nick?: string } = {}): APIGuildMember {
  const g = core.store.guild(guildId);
  if (!core.store.users.has(userId)) throw new Error(`unknown user ${userId}`);
  for (const r of o.roles ?? []) if (!g.roles.has(r)) throw new Error(`unknown role ${r} in guild ${guildId}`);
  const roles = [...(o.roles ?? [])];
  if (o.permissions !== undefined) roles.push(permissionRole(g, resolvePermissions(o.permissions)).id);
  else if (userId !== core.botId) roles.push(g.memberRoleId);
  const m = { userId, roles: [...new Set(roles)], joinedAt: isoTimestamp(o.joinedAt), nick: o.nick ?? null };
  g.members.set(userId, m);
  core.gateway.broadcast("GUILD_MEMBER_ADD", INTENTS.GuildMembers, () => ({ ...memberJson(core.store, g, m), guild_id: g.id }), g.id);
  return memberJson(core.store, g, m) as APIGuildMember;
}

function updateRole(core: Core, g: GuildRec, role: RoleRec): APIRole {
  core.gateway.broadcast("GUILD_ROLE_UPDATE", INTENTS.Guilds, () => ({ guild_id: g.id, role: roleJson(role) }), g.id);
  return roleJson(role) as APIRole;
}

export function setBotPermissions(core: Core, guildId: string, perms: PermissionInput): APIRole {
  const g = core.store.guild(guildId);
  const role = g.roles.get(g.botRoleId)!;
  role.permissions = resolvePermissions(perms);
  return updateRole(core, g, role);
}

export function setRolePermissions(core: Core, guildId: string, roleId: string, perms: PermissionInput): APIRole {
  const g = core.store.guild(guildId);
  const role = g.roles.get(roleId);
  if (!role) throw new Error(`unknown role ${roleId}`);
  role.permissions = resolvePermissions(perms);
  return updateRole(core, g, role);
}

export function createRole(core: Core, guildId: string, o: { name: string; permissions?: PermissionInput; mentionable?: boolean; color?: number }): APIRole {
  const g = core.store.guild(guildId);
  const role = core.store.addRole(g, {
    name: o.name, permissions: o.permissions === undefined ? 0n : resolvePermissions(o.permissions),
    managed: false, mentionable: o.mentionable ?? false, color: o.color ?? 0, hoist: false,
  });
  core.gateway.broadcast("GUILD_ROLE_CREATE", INTENTS.Guilds, () => ({ guild_id: g.id, role: roleJson(role) }), g.id);
  return roleJson(role) as APIRole;
}

export function setChannelOverwrite(core: Core, channelId: string, o: OverwriteInput): void {
  const c = core.store.channel(channelId);
  const ow = toOverwrite(o);
  c.overwrites = [...c.overwrites.filter((x) => x.id !== ow.id), ow];
  core.dispatchChannel("CHANNEL_UPDATE", c);
}

export function createEmoji(core: Core, guildId: string, o: { name: string; animated?: boolean }): { id: string; name: string; animated: boolean } {
  const g = core.store.guild(guildId);
  const e = { id: snowflake(), name: o.name, animated: o.animated ?? false, guildId };
  g.emojis.set(e.id, e);
  core.store.emojis.set(e.id, e);
  core.gateway.broadcast("GUILD_EMOJIS_UPDATE", INTENTS.GuildExpressions, () => ({ guild_id: g.id, emojis: guildJson(g).emojis }), g.id);
  return { id: e.id, name: e.name, animated: e.animated };
}

/** A webhook made outside the bot: by a user, or by another application (listing it gives the bot no token). */
export function createForeignWebhook(core: Core, channelId: string, o: { name: string; applicationId?: string | null; creatorId?: string }): APIWebhook {
  const c = core.store.channel(channelId);
  const g = core.store.guildOf(c);
  const w = createWebhookRec(core, c, { name: o.name, applicationId: o.applicationId ?? null, creatorId: o.creatorId ?? g.ownerId });
  return { id: w.id, type: 1, guild_id: w.guildId, channel_id: w.channelId, name: w.name, avatar: null, application_id: w.applicationId, token: w.token } as APIWebhook;
}
