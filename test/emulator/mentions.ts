/** Mention parsing and allowed_mentions semantics: what a message mentions and whom it would ping. */
import type { FormErrors } from "./errors.js";
import type { GuildRec, Json, MessageRec } from "./types.js";
import type { Store } from "./state.js";
import { P } from "./permissions.js";

const PARSE_TYPES = new Set(["users", "roles", "everyone"]);

export function validateAllowedMentions(am: Json, errors: FormErrors): void {
  if (am === undefined || am === null) return;
  const path = ["allowed_mentions"];
  if (typeof am !== "object" || Array.isArray(am)) {
    errors.add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
    return;
  }
  if (am.parse !== undefined) {
    if (!Array.isArray(am.parse)) errors.add([...path, "parse"], "BASE_TYPE_LIST", "Must be a list");
    else am.parse.forEach((p: unknown, i: number) => {
      if (typeof p !== "string" || !PARSE_TYPES.has(p)) {
        errors.add([...path, "parse", i], "BASE_TYPE_CHOICES", "Value must be one of ('roles', 'users', 'everyone').");
      }
    });
  }
  for (const key of ["users", "roles"] as const) {
    const list = am[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      errors.add([...path, key], "BASE_TYPE_LIST", "Must be a list");
      continue;
    }
    if (list.length > 100) errors.add([...path, key], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
    if (list.length > 0 && Array.isArray(am.parse) && am.parse.includes(key)) {
      errors.add(path, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
        `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`);
    }
  }
}

export interface ParsedMentions {
  users: string[];
  roles: string[];
  everyone: boolean;
  here: boolean;
}

export function parseMentions(content: string): ParsedMentions {
  const users = new Set<string>();
  const roles = new Set<string>();
  for (const m of content.matchAll(/<@!?(\d{15,21})>/g)) users.add(m[1]!);
  for (const m of content.matchAll(/<@&(\d{15,21})>/g)) roles.add(m[1]!);
  return { users: [...users], roles: [...roles], everyone: /@everyone/.test(content), here: /@here/.test(content) };
}

export interface MentionOutcome {
  /** fields for the message object */
  mentionUsers: string[];
  mentionRoles: string[];
  mentionEveryone: boolean;
  /** who would be notified (strict: ignores the Mention Everyone permission and role mentionability) */
  ping: { everyone: boolean; here: boolean; users: string[]; roles: string[]; repliedUser: string | null };
}

export function computeMentions(
  store: Store,
  guild: GuildRec,
  args: { content: string; allowedMentions: Json; authorId: string; authorPerms: bigint; replyTo: MessageRec | null },
): MentionOutcome {
  const parsed = parseMentions(args.content);
  const am = args.allowedMentions;
  const absent = am === undefined || am === null;
  const parse: string[] = absent ? ["users", "roles", "everyone"] : Array.isArray(am.parse) ? am.parse : [];
  const allowUser = (id: string) => parse.includes("users") || (!absent && Array.isArray(am.users) && am.users.includes(id));
  const allowRole = (id: string) => parse.includes("roles") || (!absent && Array.isArray(am.roles) && am.roles.includes(id));
  const users = parsed.users.filter((id) => store.users.has(id) && allowUser(id));
  const roles = parsed.roles.filter((id) => guild.roles.has(id) && id !== guild.id && allowRole(id));
  const everyoneAllowed = parse.includes("everyone");
  const canMentionEveryone = (args.authorPerms & P.MentionEveryone) !== 0n;

  let repliedUser: string | null = null;
  const replyAuthor = args.replyTo?.author;
  if (replyAuthor?.kind === "user" && replyAuthor.userId !== args.authorId) {
    const repliedAllowed = absent ? true : am.replied_user === true;
    if (repliedAllowed) repliedUser = replyAuthor.userId;
  }
  const mentionUsers = [...users];
  if (repliedUser && !mentionUsers.includes(repliedUser)) mentionUsers.push(repliedUser);
  return {
    mentionUsers,
    mentionRoles: roles.filter((id) => guild.roles.get(id)?.mentionable || canMentionEveryone),
    mentionEveryone: everyoneAllowed && (parsed.everyone || parsed.here) && canMentionEveryone,
    ping: {
      everyone: everyoneAllowed && parsed.everyone,
      here: everyoneAllowed && parsed.here,
      users: users.filter((id) => id !== args.authorId),
      roles,
      repliedUser,
    },
  };
}

export function pingsAnyone(p: MentionOutcome["ping"]): boolean {
  return p.everyone || p.here || p.users.length > 0 || p.roles.length > 0 || p.repliedUser !== null;
}
