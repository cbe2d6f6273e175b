/** Discord permission bits and the permission computation algorithm (roles, owner, admin, overwrites). */
const bit = (n: number) => 1n << BigInt(n);

export const P = {
  CreateInstantInvite: bit(0), KickMembers: bit(1), BanMembers: bit(2), Administrator: bit(3),
  ManageChannels: bit(4), ManageGuild: bit(5), AddReactions: bit(6), ViewAuditLog: bit(7),
  PrioritySpeaker: bit(8), Stream: bit(9), ViewChannel: bit(10), SendMessages: bit(11),
  SendTTSMessages: bit(12), ManageMessages: bit(13), EmbedLinks: bit(14), AttachFiles: bit(15),
  ReadMessageHistory: bit(16), MentionEveryone: bit(17), UseExternalEmojis: bit(18), ViewGuildInsights: bit(19),
  Connect: bit(20), Speak: bit(21), MuteMembers: bit(22), DeafenMembers: bit(23), MoveMembers: bit(24),
  UseVAD: bit(25), ChangeNickname: bit(26), ManageNicknames: bit(27), ManageRoles: bit(28),
  ManageWebhooks: bit(29), ManageGuildExpressions: bit(30), UseApplicationCommands: bit(31),
  RequestToSpeak: bit(32), ManageEvents: bit(33), ManageThreads: bit(34), CreatePublicThreads: bit(35),
  CreatePrivateThreads: bit(36), UseExternalStickers: bit(37), SendMessagesInThreads: bit(38),
  UseEmbeddedActivities: bit(39), ModerateMembers: bit(40), ViewCreatorMonetizationAnalytics: bit(41),
  UseSoundboard: bit(42), CreateGuildExpressions: bit(43), CreateEvents: bit(44), UseExternalSounds: bit(45),
  SendVoiceMessages: bit(46), SendPolls: bit(49), UseExternalApps: bit(50), PinMessages: bit(51),
  BypassSlowmode: bit(52),
} as const;

export type PermissionName = keyof typeof P;
export const ALL_PERMISSIONS = Object.values(P).reduce((a, b) => a | b, 0n);

/** A typical bot invite: what the brief lists, plus View Channel. */
export const DEFAULT_BOT_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.CreatePublicThreads | P.ManageWebhooks |
  P.AddReactions | P.ReadMessageHistory | P.EmbedLinks | P.AttachFiles | P.UseExternalEmojis |
  P.ManageMessages | P.ManageThreads;

/** @everyone: what every member of the emulated guilds can do (see and read only). */
export const DEFAULT_EVERYONE_PERMISSIONS = P.ViewChannel | P.ReadMessageHistory | P.UseApplicationCommands;

/** The "Members" role every human member gets unless addMember() is given explicit permissions/roles. */
export const DEFAULT_MEMBER_PERMISSIONS =
  P.SendMessages | P.SendMessagesInThreads | P.CreatePublicThreads | P.AddReactions | P.EmbedLinks |
  P.AttachFiles | P.UseExternalEmojis | P.ChangeNickname | P.CreateInstantInvite | P.Connect | P.Speak;

const byLooseName = new Map<string, bigint>(
  Object.entries(P).map(([k, v]) => [k.toLowerCase(), v] as const),
);

/** Accepts bigint, number, numeric string, or names ("SEND_MESSAGES", "SendMessages", "send messages"). */
export function resolvePermissions(input: bigint | number | string | readonly string[]): bigint {
  if (typeof input === "bigint") return input;
  if (typeof input === "number") return BigInt(input);
  if (typeof input === "string") {
    if (/^\d+$/.test(input)) return BigInt(input);
    return resolvePermissions([input]);
  }
  let out = 0n;
  for (const name of input) {
    const key = name.replace(/[_\s-]/g, "").toLowerCase();
    const v = byLooseName.get(key);
    if (v === undefined) throw new Error(`Unknown permission name: ${name}`);
    out |= v;
  }
  return out;
}

export function permissionNames(bits: bigint): PermissionName[] {
  return (Object.keys(P) as PermissionName[]).filter((k) => (bits & P[k]) === P[k]);
}

export interface Overwrite {
  id: string;
  type: 0 | 1; // 0 role, 1 member
  allow: bigint;
  deny: bigint;
}

export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  everyonePermissions: bigint;
  /** permissions of each role the member has (not including @everyone) */
  rolePermissions: bigint[];
  roleIds: string[];
  userId: string;
}

export function basePermissions(s: PermissionSubject): bigint {
  if (s.userId === s.ownerId) return ALL_PERMISSIONS;
  let perms = s.everyonePermissions;
  for (const r of s.rolePermissions) perms |= r;
  if (perms & P.Administrator) return ALL_PERMISSIONS;
  return perms;
}

/** Discord's algorithm: base, then @everyone overwrite, role overwrites, member overwrite, implicit denies. */
export function channelPermissions(s: PermissionSubject, overwrites: readonly Overwrite[], inThread = false): bigint {
  const base = basePermissions(s);
  if (base & P.Administrator || base === ALL_PERMISSIONS) return ALL_PERMISSIONS;
  let perms = base;
  const everyone = overwrites.find((o) => o.type === 0 && o.id === s.guildId);
  if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== s.guildId && s.roleIds.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  perms = (perms & ~deny) | allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === s.userId);
  if (member) perms = (perms & ~member.deny) | member.allow;
  if (!(perms & P.ViewChannel)) return 0n;
  // In a thread, the ability to post is Send Messages in Threads; without it, these are implicitly denied.
  if (!(perms & (inThread ? P.SendMessagesInThreads : P.SendMessages))) {
    perms &= ~(P.MentionEveryone | P.SendTTSMessages | P.AttachFiles | P.EmbedLinks);
  }
  return perms;
}
