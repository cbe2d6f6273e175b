import type { Db } from "./db.js";

export interface Session {
  id: number;
  threadId: string;
  guildId: string | null;
  channelId: string;
  variantId: string;
  model: string;
  createdBy: string;
  cardMessageId: string | null;
  createdAt: number;
}

interface RawSession {
  id: number; thread_id: string; guild_id: string | null; channel_id: string; variant_id: string;
  model: string; created_by: string; card_message_id: string | null; created_at: number;
}

const fromRow = (r: RawSession): Session => ({
  id: r.id, threadId: r.thread_id, guildId: r.guild_id, channelId: r.channel_id, variantId: r.variant_id,
  model: r.model, createdBy: r.created_by, cardMessageId: r.card_message_id, createdAt: r.created_at,
});

export type SessionStore = ReturnType<typeof createSessionStore>;

/** A session ties one Discord thread to one variant and one model, for its whole life. */
export function createSessionStore(db: Db, now: () => number = Date.now) {
  const insert = db.prepare(
    `INSERT INTO sessions (thread_id, guild_id, channel_id, variant_id, model, created_by, created_at)
     VALUES (@threadId, @guildId, @channelId, @variantId, @model, @createdBy, @createdAt)`,
  );
  const byThread = db.prepare<[string], RawSession>(`SELECT * FROM sessions WHERE thread_id = ?`);
  const byId = db.prepare<[number], RawSession>(`SELECT * FROM sessions WHERE id = ?`);
  const setCard = db.prepare(`UPDATE sessions SET card_message_id = ? WHERE id = ?`);

  return {
    create(s: { threadId: string; guildId: string | null; channelId: string; variantId: string; model: string; createdBy: string }): Session {
      const id = Number(insert.run({ ...s, createdAt: now() }).lastInsertRowid);
      return this.get(id)!;
    },
    get(id: number): Session | undefined {
      const row = byId.get(id);
      return row && fromRow(row);
    },
    byThread(threadId: string): Session | undefined {
      const row = byThread.get(threadId);
      return row && fromRow(row);
    },
    setCardMessage(sessionId: number, messageId: string): void {
      setCard.run(messageId, sessionId);
    },
  };
}
