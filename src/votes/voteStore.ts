import type { Db } from "../store/db.js";

export type VoteValue = 1 | -1;

export interface VoteTally {
  variantId: string;
  model: string;
  up: number;
  down: number;
}

export type VoteStore = ReturnType<typeof createVoteStore>;

/** Votes on persona replies: one per member per reply; tallies follow by trigger (migration 2). */
export function createVoteStore(db: Db, now: () => number = Date.now) {
  const upsert = db.prepare(
    `INSERT INTO votes (message_id, voter_id, value, variant_id, model, guild_id, self_vote, created_at, updated_at)
     VALUES (@messageId, @voterId, @value, @variantId, @model, @guildId, @selfVote, @at, @at)
     ON CONFLICT (voter_id, message_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
     WHERE votes.value <> excluded.value`,
  );
  const retract = db.prepare(`DELETE FROM votes WHERE voter_id = ? AND message_id = ? AND value = ?`);
  const current = db.prepare<[string, number], { value: VoteValue }>(`SELECT value FROM votes WHERE voter_id = ? AND message_id = ?`);
  const castSince = db.prepare<[string, number], { n: number }>(`SELECT count(*) AS n FROM votes WHERE voter_id = ? AND created_at >= ?`);
  const tallies = db.prepare<[{ guild: string; model: string }], { variant_id: string; model: string; up: number; down: number }>(
    `SELECT variant_id, model, sum(up) AS up, sum(down) AS down FROM vote_tallies
     WHERE (@guild = '*' OR guild_id = @guild) AND (@model = '*' OR model = @model)
     GROUP BY variant_id, model`,
  );

  return {
    /** Records or flips a vote; returns false when nothing changed (the same vote again). */
    cast(v: { messageId: number; voterId: string; value: VoteValue; variantId: string; model: string; guildId: string | null; selfVote: boolean }): boolean {
      return upsert.run({ ...v, guildId: v.guildId ?? "", selfVote: v.selfVote ? 1 : 0, at: now() }).changes > 0;
    },
    /** Removes a vote only if it still has this value: removing 👍 after switching to 👎 keeps the 👎. */
    retract(voterId: string, messageId: number, value: VoteValue): boolean {
      return retract.run(voterId, messageId, value).changes > 0;
    },
    current(voterId: string, messageId: number): VoteValue | undefined {
      return current.get(voterId, messageId)?.value;
    },
    countSince(voterId: string, since: number): number {
      return castSince.get(voterId, since)?.n ?? 0;
    },
    /** Up and down counts per (variant, model), self-votes excluded; `guildId` null for every server. */
    tallies(filter: { guildId: string | null; model?: string }): VoteTally[] {
      return tallies.all({ guild: filter.guildId ?? "*", model: filter.model ?? "*" }).map((r) => ({ variantId: r.variant_id, model: r.model, up: r.up, down: r.down }));
    },
  };
}
