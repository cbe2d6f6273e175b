/** Gateway intents: bit values, which are privileged, and validation of an IDENTIFY's intents. */
export const INTENTS = {
  Guilds: 1 << 0, GuildMembers: 1 << 1, GuildModeration: 1 << 2, GuildExpressions: 1 << 3,
  GuildIntegrations: 1 << 4, GuildWebhooks: 1 << 5, GuildInvites: 1 << 6, GuildVoiceStates: 1 << 7,
  GuildPresences: 1 << 8, GuildMessages: 1 << 9, GuildMessageReactions: 1 << 10, GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12, DirectMessageReactions: 1 << 13, DirectMessageTyping: 1 << 14, MessageContent: 1 << 15,
  GuildScheduledEvents: 1 << 16, AutoModerationConfiguration: 1 << 20, AutoModerationExecution: 1 << 21,
  GuildMessagePolls: 1 << 24, DirectMessagePolls: 1 << 25,
} as const;

export const VALID_INTENTS = Object.values(INTENTS).reduce((a, b) => a | b, 0);

export interface PrivilegedIntents {
  messageContent: boolean;
  guildMembers: boolean;
  presences: boolean;
}

/** Returns a close code (4013 invalid, 4014 disallowed) or null when the intents are acceptable. */
export function checkIntents(intents: unknown, enabled: PrivilegedIntents): { code: number; reason: string } | null {
  if (typeof intents !== "number" || !Number.isInteger(intents) || intents < 0 || (intents & ~VALID_INTENTS) !== 0) {
    return { code: 4013, reason: "Invalid intent(s)." };
  }
  const disallowed =
    (!enabled.messageContent && intents & INTENTS.MessageContent) ||
    (!enabled.guildMembers && intents & INTENTS.GuildMembers) ||
    (!enabled.presences && intents & INTENTS.GuildPresences);
  return disallowed ? { code: 4014, reason: "Disallowed intent(s)." } : null;
}

/** Application flags advertised in READY for the enabled privileged intents (the "_LIMITED" variants). */
export function applicationFlags(enabled: PrivilegedIntents): number {
  return (enabled.presences ? 1 << 13 : 0) | (enabled.guildMembers ? 1 << 15 : 0) | (enabled.messageContent ? 1 << 19 : 0);
}
