import type { VoteRules } from "../config.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/index.js";
import { recordReaction, VOTE_EMOJI } from "./recordReaction.js";
import type { VoteValue } from "./voteStore.js";

/** Who reacted with an emoji to a message, as Discord reports it now. */
export type FetchReactors = (threadId: string, messageId: string, emoji: string) => Promise<{ id: string; bot: boolean }[]>;

export interface ReconcileOptions {
  /** How far back to look. */
  sinceMs: number;
  /** At most this many replies, newest first. */
  limit: number;
  now?: () => number;
}

/**
 * Makes the votes of recent replies match their reactions on Discord, after the bot was
 * offline: reactions added meanwhile are counted (once: the vote key is voter × reply),
 * reactions removed meanwhile are retracted. A member showing both 👍 and 👎 keeps the
 * vote already stored, or gets none if there was none: their latest choice is unknown.
 */
export async function reconcileVotes(
  deps: { store: Store; rules: VoteRules; logger: Logger; fetchReactors: FetchReactors },
  options: ReconcileOptions,
): Promise<{ replies: number; added: number; retracted: number }> {
  const now = options.now?.() ?? Date.now();
  const { store, logger } = deps;
  let added = 0;
  let retracted = 0;
  const replies = store.votes.recentReplies(now - options.sinceMs, options.limit);
  for (const reply of replies) {
    const seen = new Map<string, Set<VoteValue>>();
    try {
      for (const discordId of reply.discordIds) {
        for (const [emoji, value] of Object.entries(VOTE_EMOJI)) {
          for (const user of await deps.fetchReactors(reply.threadId, discordId, emoji)) {
            if (!user.bot) seen.set(user.id, (seen.get(user.id) ?? new Set()).add(value));
          }
        }
      }
    } catch (error) {
      logger.warn({ err: error, turn: reply.turnId }, "could not read reactions; votes of this reply left as they were");
      continue;
    }
    const stored = store.votes.onTurn(reply.turnId);
    const guildId = store.sessions.byThread(reply.threadId)?.guildId ?? null;
    for (const [voter, value] of stored) {
      if (!seen.get(voter)?.has(value) && store.votes.retract(voter, reply.turnId, value)) retracted++;
    }
    for (const [voter, values] of seen) {
      if (values.size !== 1 || stored.get(voter) === [...values][0]) continue;
      const value = [...values][0]!;
      const emoji = value === 1 ? "👍" : "👎";
      const outcome = recordReaction(
        { store, votes: store.votes, rules: deps.rules, logger },
        { guildId, messageId: reply.discordIds[0]!, userId: voter, userIsBot: false, emoji, added: true, at: now },
      );
      if (outcome === "counted") added++;
    }
  }
  logger.info({ replies: replies.length, added, retracted }, "votes reconciled");
  return { replies: replies.length, added, retracted };
}
