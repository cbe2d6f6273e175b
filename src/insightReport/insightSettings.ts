import type { Db } from "../store/db.js";

/** How a server takes its insights: posted to a channel when they change, and whether the arena runs the suggested experiments. */
export interface InsightSettings {
  guildId: string;
  channelId: string | null;
  everyHours: number;
  arenaExperiments: boolean;
  lastDigest: string | null;
  lastCheckedAt: number | null;
}

interface Row {
  guild_id: string; channel_id: string | null; every_hours: number; arena_experiments: 0 | 1; last_digest: string | null; last_checked_at: number | null;
}

const fromRow = (r: Row): InsightSettings => ({
  guildId: r.guild_id, channelId: r.channel_id, everyHours: r.every_hours, arenaExperiments: r.arena_experiments === 1,
  lastDigest: r.last_digest, lastCheckedAt: r.last_checked_at,
});

export type InsightSettingsStore = ReturnType<typeof createInsightSettingsStore>;

export function createInsightSettingsStore(db: Db, now: () => number = Date.now) {
  const upsert = db.prepare(
    `INSERT INTO insight_settings (guild_id, channel_id, every_hours, arena_experiments, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, every_hours = excluded.every_hours,
       arena_experiments = excluded.arena_experiments, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
       last_checked_at = NULL`,
  );
  const get = db.prepare<[string], Row>(`SELECT * FROM insight_settings WHERE guild_id = ?`);
  const due = db.prepare<[number], Row>(
    `SELECT * FROM insight_settings WHERE channel_id IS NOT NULL AND (last_checked_at IS NULL OR last_checked_at + every_hours * 3600000 <= ?) ORDER BY guild_id`,
  );
  const checked = db.prepare(`UPDATE insight_settings SET last_checked_at = ?, last_digest = coalesce(?, last_digest) WHERE guild_id = ?`);
  return {
    /** Saves a server's choice; the next check comes at once, so a new channel gets the report without waiting. */
    set(guildId: string, s: { channelId: string | null; everyHours: number; arenaExperiments: boolean }, by: string): void {
      upsert.run(guildId, s.channelId, s.everyHours, s.arenaExperiments ? 1 : 0, by, now());
    },
    get(guildId: string): InsightSettings | undefined {
      const row = get.get(guildId);
      return row && fromRow(row);
    },
    /** Servers with a channel whose report is due for a check. */
    due(): InsightSettings[] {
      return due.all(now()).map(fromRow);
    },
    /** Records a check, and the digest of what was posted when something was. */
    checked(guildId: string, postedDigest: string | null): void {
      checked.run(now(), postedDigest, guildId);
    },
  };
}
