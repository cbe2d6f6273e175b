import type { Db } from "../store/db.js";

export type RunStatus = "confirming" | "running" | "paused" | "done" | "cancelled";

/** What a probe run is for: its results are reused for the same key. */
export interface RunKey {
  variantId: string;
  model: string;
  suite: string;
  suiteVersion: number;
  judgeVersion: string;
}

export interface ProbeRun extends RunKey {
  id: number;
  status: RunStatus;
  pauseReason: string | null;
  items: number;
  summary: unknown;
  requestedBy: string;
  guildId: string | null;
  channelId: string | null;
  messageId: string | null;
  createdAt: number;
  finishedAt: number | null;
}

interface RawRun {
  id: number; variant_id: string; model: string; suite: string; suite_version: number; judge_version: string; status: RunStatus;
  pause_reason: string | null; items: number; summary_json: string | null; requested_by: string; guild_id: string | null;
  channel_id: string | null; message_id: string | null; created_at: number; finished_at: number | null;
}

const fromRow = (r: RawRun): ProbeRun => ({
  id: r.id, variantId: r.variant_id, model: r.model, suite: r.suite, suiteVersion: r.suite_version, judgeVersion: r.judge_version,
  status: r.status, pauseReason: r.pause_reason, items: r.items, summary: r.summary_json === null ? null : JSON.parse(r.summary_json),
  requestedBy: r.requested_by, guildId: r.guild_id, channelId: r.channel_id, messageId: r.message_id, createdAt: r.created_at, finishedAt: r.finished_at,
});

export type RunStore = ReturnType<typeof createRunStore>;

/**
 * Probe runs as jobs: a run and each item's result are committed as they happen, so a
 * restart resumes where it stopped and never asks a finished item again.
 */
export function createRunStore(db: Db, now: () => number = Date.now) {
  const insert = db.prepare(
    `INSERT INTO probe_runs (variant_id, model, suite, suite_version, judge_version, status, items, requested_by, guild_id, channel_id, created_at)
     VALUES (@variantId, @model, @suite, @suiteVersion, @judgeVersion, @status, @items, @requestedBy, @guildId, @channelId, @createdAt)`,
  );
  const byId = db.prepare<[number], RawRun>(`SELECT * FROM probe_runs WHERE id = ?`);
  const cached = db.prepare<[string, string, string, number, string], RawRun>(
    `SELECT * FROM probe_runs WHERE variant_id = ? AND model = ? AND suite = ? AND suite_version = ? AND judge_version = ? AND status = 'done'
     ORDER BY finished_at DESC LIMIT 1`,
  );
  const unfinishedByKey = db.prepare<[string, string, string, number, string], RawRun>(
    `SELECT * FROM probe_runs WHERE variant_id = ? AND model = ? AND suite = ? AND suite_version = ? AND judge_version = ? AND status IN ('paused', 'running')
     ORDER BY id DESC LIMIT 1`,
  );
  const unfinished = db.prepare<[], RawRun>(`SELECT * FROM probe_runs WHERE status = 'running' ORDER BY id`);
  const setStatus = db.prepare(`UPDATE probe_runs SET status = ?, pause_reason = ? WHERE id = ?`);
  const setMessage = db.prepare(`UPDATE probe_runs SET message_id = ? WHERE id = ?`);
  const finish = db.prepare(`UPDATE probe_runs SET status = 'done', summary_json = ?, finished_at = ?, pause_reason = NULL WHERE id = ?`);
  const addResult = db.prepare(`INSERT OR IGNORE INTO probe_results (run_id, item, result_json, created_at) VALUES (?, ?, ?, ?)`);
  const results = db.prepare<[number], { item: number; result_json: string }>(`SELECT item, result_json FROM probe_results WHERE run_id = ? ORDER BY item`);
  const doneCount = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM probe_results WHERE run_id = ?`);
  const doneSuites = db.prepare<[], { suite: string }>(`SELECT DISTINCT suite FROM probe_runs WHERE status = 'done' ORDER BY suite`);
  const latestDone = db.prepare<[string], RawRun>(
    `SELECT r.* FROM probe_runs r WHERE r.variant_id = ? AND r.status = 'done'
       AND r.id = (SELECT max(id) FROM probe_runs s WHERE s.variant_id = r.variant_id AND s.model = r.model AND s.suite = r.suite AND s.status = 'done')
     ORDER BY r.suite, r.model`,
  );

  return {
    create(run: RunKey & { items: number; requestedBy: string; guildId: string | null; channelId: string | null; status: RunStatus }): ProbeRun {
      return this.get(Number(insert.run({ ...run, createdAt: now() }).lastInsertRowid))!;
    },
    get(id: number): ProbeRun | undefined {
      const row = byId.get(id);
      return row && fromRow(row);
    },
    /** A finished run with the same key, whose results can be shown at once. */
    cached(key: RunKey): ProbeRun | undefined {
      const row = cached.get(key.variantId, key.model, key.suite, key.suiteVersion, key.judgeVersion);
      return row && fromRow(row);
    },
    /** A paused or interrupted run with the same key, to pick up instead of starting over. */
    unfinishedFor(key: RunKey): ProbeRun | undefined {
      const row = unfinishedByKey.get(key.variantId, key.model, key.suite, key.suiteVersion, key.judgeVersion);
      return row && fromRow(row);
    },
    /** Runs that were going when the process stopped: resumed at start-up. */
    unfinished(): ProbeRun[] {
      return unfinished.all().map(fromRow);
    },
    setStatus(id: number, status: RunStatus, reason: string | null = null): void {
      setStatus.run(status, reason, id);
    },
    setMessage(id: number, messageId: string): void {
      setMessage.run(messageId, id);
    },
    finish(id: number, summary: unknown): void {
      finish.run(JSON.stringify(summary), now(), id);
    },
    /** Stores one item's result; a second result for the same item is ignored (never counted twice). */
    addResult(runId: number, item: number, result: unknown): boolean {
      return addResult.run(runId, item, JSON.stringify(result), now()).changes === 1;
    },
    results(runId: number): Map<number, unknown> {
      return new Map(results.all(runId).map((r) => [r.item, JSON.parse(r.result_json)]));
    },
    doneCount(runId: number): number {
      return doneCount.get(runId)?.n ?? 0;
    },
    /** The newest finished run of each suite and model for a variant, for the leaderboard and cards. */
    latestFor(variantId: string): ProbeRun[] {
      return latestDone.all(variantId).map(fromRow);
    },
    /** The suites some run has finished, for choosing what insights to show. */
    doneSuites(): string[] {
      return doneSuites.all().map((r) => r.suite);
    },
  };
}
