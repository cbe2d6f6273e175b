/** Internal records -> Discord API JSON, as the REST API and gateway present them. */
import { isThread, type Store } from "./state.js";
import type { ChannelRec, GuildRec, Json, MemberRec, MessageRec, RoleRec, UserRec, WebhookRec } from "./types.js";
import { isoTimestamp } from "./snowflake.js";

export function userJson(u: UserRec): Json {
  const out: Json = {
    id: u.id, username: u.username, discriminator: "0", global_name: u.globalName, avatar: null,
    public_flags: 0, flags: 0, banner: null, accent_color: null, avatar_decoration_data: null,
    collectibles: null, primary_guild: null,
  };
  if (u.bot) out.bot = true;
  return out;
}

export function roleJson(r: RoleRec): Json {
  const out: Json = {
    id: r.id, name: r.name, description: null, color: r.color,
    colors: { primary_color: r.color, secondary_color: null, tertiary_color: null },
    hoist: r.hoist, icon: null, unicode_emoji: null, position: r.position, permissions: r.permissions.toString(),
    managed: r.managed, mentionable: r.mentionable, flags: 0,
  };
  if (r.botId) out.tags = { bot_id: r.botId };
  return out;
}

export function memberJson(store: Store, guild: GuildRec, m: MemberRec, withUser = true): Json {
  const out: Json = {
    nick: m.nick, avatar: null, banner: null, roles: m.roles.filter((r) => r !== guild.id), joined_at: m.joinedAt,
    premium_since: null, deaf: false, mute: false, flags: 0, pending: false, communication_disabled_until: null,
    unusual_dm_activity_until: null, collectibles: null,
  };
  const u = store.users.get(m.userId);
  if (withUser && u) out.user = userJson(u);
  return out;
}

export function overwritesJson(c: ChannelRec): Json[] {
  return c.overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() }));
}

export function channelJson(store: Store, c: ChannelRec, opts: { guildId?: boolean; viewerId?: string } = {}): Json {
  const base: Json = { id: c.id, type: c.type, name: c.name, last_message_id: c.lastMessageId, flags: 0,
    rate_limit_per_user: c.rateLimitPerUser };
  if (opts.guildId !== false) base.guild_id = c.guildId;
  if (!isThread(c) || !c.thread) {
    return {
      ...base, position: c.position, permission_overwrites: overwritesJson(c), parent_id: c.parentId,
      topic: c.topic, nsfw: c.nsfw, last_pin_timestamp: null, default_auto_archive_duration: 4320,
      default_thread_rate_limit_per_user: 0, icon_emoji: null, theme_color: null,
    };
  }
  const t = c.thread;
  const out: Json = {
    ...base, parent_id: c.parentId, owner_id: c.ownerId, message_count: c.messageCount,
    member_count: Math.min(50, c.threadMembers.size), total_message_sent: c.totalMessageSent,
    thread_metadata: {
      archived: t.archived, auto_archive_duration: t.autoArchiveDuration, archive_timestamp: t.archiveTimestamp,
      locked: t.locked, create_timestamp: t.createTimestamp, ...(c.type === 12 ? { invitable: t.invitable ?? true } : {}),
    },
  };
  const join = opts.viewerId ? c.threadMembers.get(opts.viewerId) : undefined;
  if (join) out.member = { id: c.id, user_id: opts.viewerId, join_timestamp: join, flags: 1 };
  return out;
}

export function threadMemberJson(c: ChannelRec, userId: string, guildId?: string): Json {
  const out: Json = { id: c.id, user_id: userId, join_timestamp: c.threadMembers.get(userId) ?? isoTimestamp(), flags: 0 };
  if (guildId) out.guild_id = guildId;
  return out;
}

export function webhookJson(store: Store, w: WebhookRec, opts: { token: boolean; apiBase: string }): Json {
  const creator = store.users.get(w.creatorId);
  const out: Json = {
    id: w.id, type: 1, guild_id: w.guildId, channel_id: w.channelId, name: w.name, avatar: w.avatar,
    application_id: w.applicationId, ...(creator ? { user: userJson(creator) } : {}),
  };
  if (opts.token) {
    out.token = w.token;
    out.url = `${opts.apiBase}/webhooks/${w.id}/${w.token}`;
  }
  return out;
}

export interface MessageView {
  botId: string;
  /** include guild_id and member, as gateway events do */
  gateway?: boolean;
  /** strip content, embeds, attachments, components (no Message Content intent) */
  strip?: boolean;
  /** don't nest referenced_message */
  shallow?: boolean;
}

export function messageAuthorJson(store: Store, m: MessageRec): Json {
  if (m.author.kind === "webhook") {
    return {
      id: m.author.webhookId, username: m.author.username, avatar: null, discriminator: "0000", public_flags: 0,
      flags: 0, bot: true, global_name: null,
    };
  }
  const u = store.users.get(m.author.userId);
  return u ? userJson(u) : { id: m.author.userId, username: "Deleted User", discriminator: "0", avatar: null, global_name: null };
}

export function messageJson(store: Store, m: MessageRec, view: MessageView): Json {
  const guild = store.guilds.get(m.guildId);
  const strip = view.strip ?? false;
  const out: Json = {
    type: m.type, content: strip ? "" : m.content, mentions: [], mention_roles: m.mentionRoles,
    attachments: strip ? [] : m.attachments.map((a) => ({
      id: a.id, filename: a.filename, size: a.size, url: a.url, proxy_url: a.url,
      ...(a.contentType ? { content_type: a.contentType } : {}),
      ...(a.description !== undefined ? { description: a.description } : {}),
      ...(a.title !== undefined ? { title: a.title } : {}),
    })),
    embeds: strip ? [] : m.embeds, timestamp: m.timestamp, edited_timestamp: m.editedTimestamp, flags: m.flags,
    components: strip ? [] : m.components, id: m.id, channel_id: m.channelId, author: messageAuthorJson(store, m),
    pinned: m.pinned, mention_everyone: m.mentionEveryone, tts: m.tts,
  };
  for (const uid of m.mentionUsers) {
    const u = store.users.get(uid);
    if (!u) continue;
    const entry: Json = userJson(u);
    const mem = guild?.members.get(uid);
    if (view.gateway && guild && mem) entry.member = memberJson(store, guild, mem, false);
    out.mentions.push(entry);
  }
  if (m.webhookId) out.webhook_id = m.webhookId;
  if (m.applicationId) out.application_id = m.applicationId;
  if (m.nonce !== undefined) out.nonce = m.nonce;
  if (m.position !== undefined) out.position = m.position;
  if (m.reactions.length > 0) {
    out.reactions = m.reactions.map((r) => ({
      emoji: r.emoji, count: r.users.length, count_details: { burst: 0, normal: r.users.length },
      burst_colors: [], me_burst: false, burst_me: false, me: r.users.includes(view.botId), burst_count: 0,
    }));
  }
  if (m.reference) {
    out.message_reference = m.reference;
    if (m.reference.type === 0 && m.type === 19 && m.reference.message_id && !view.shallow) {
      const ref = store.messageIndex.get(m.reference.message_id);
      out.referenced_message = ref && !ref.deleted ? messageJson(store, ref, { ...view, shallow: true, strip: false }) : null;
    }
  }
  if (m.threadId) {
    const t = store.channels.get(m.threadId);
    if (t) out.thread = channelJson(store, t, { viewerId: view.botId });
  }
  if (m.interactionMetadata) out.interaction_metadata = m.interactionMetadata;
  if (m.interactionLegacy) out.interaction = m.interactionLegacy;
  if (m.poll && !strip) out.poll = m.poll;
  if (view.gateway) {
    out.guild_id = m.guildId;
    const mem = m.author.kind === "user" && guild ? guild.members.get(m.author.userId) : undefined;
    if (guild && mem && !m.webhookId) out.member = memberJson(store, guild, mem, false);
  }
  return out;
}

/** The full GUILD_CREATE payload. `allMembers` when the session may see the member list (presences intent). */
export function guildCreateJson(store: Store, g: GuildRec, opts: { botId: string; allMembers: boolean }): Json {
  const channels = g.channelIds.map((id) => store.channels.get(id)).filter((c): c is ChannelRec => !!c);
  const threads = channels.filter((c) => isThread(c) && !c.thread?.archived && store.permissionsIn(c, opts.botId) !== 0n);
  const members = [...g.members.values()].filter((m) => opts.allMembers || m.userId === opts.botId);
  const botMember = g.members.get(opts.botId);
  return {
    ...guildJson(g),
    joined_at: botMember?.joinedAt ?? isoTimestamp(), large: false, unavailable: false, member_count: g.members.size,
    voice_states: [], members: members.map((m) => memberJson(store, g, m)),
    channels: channels.filter((c) => !isThread(c)).map((c) => channelJson(store, c, { guildId: false })),
    threads: threads.map((c) => channelJson(store, c, { viewerId: opts.botId })),
    presences: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [], lazy: true,
    application_command_counts: {}, embedded_activities: [], activity_instances: [], version: Date.now(),
  };
}

export function guildJson(g: GuildRec): Json {
  return {
    id: g.id, name: g.name, icon: null, icon_hash: null, splash: null, discovery_splash: null, owner_id: g.ownerId,
    afk_channel_id: null, afk_timeout: 300, widget_enabled: false, widget_channel_id: null, verification_level: 0,
    default_message_notifications: 1, explicit_content_filter: 0, features: [], mfa_level: 0, application_id: null,
    system_channel_id: g.channelIds[0] ?? null, system_channel_flags: 0, rules_channel_id: null, max_presences: null,
    max_members: 500000, vanity_url_code: null, description: null, banner: null, premium_tier: 0,
    premium_subscription_count: 0, preferred_locale: "en-US", public_updates_channel_id: null,
    max_video_channel_users: 25, max_stage_video_channel_users: 50, nsfw_level: 0, nsfw: false, stickers: [],
    premium_progress_bar_enabled: false, safety_alerts_channel_id: null, incidents_data: null, hub_type: null,
    roles: [...g.roles.values()].map(roleJson),
    emojis: [...g.emojis.values()].map((e) => ({
      id: e.id, name: e.name, animated: e.animated, roles: [], require_colons: true, managed: false, available: true,
    })),
  };
}
