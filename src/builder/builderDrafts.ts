import type { BuildChoices } from "../outline/buildSpec.js";
import type { Db } from "../store/db.js";

/** A `/persona new` flow in progress. */
export interface BuilderDraft {
  id: number;
  userId: string;
  /** The index of the step the member is on (see `builderSteps`). */
  step: number;
  choices: BuildChoices;
  updatedAt: number;
}

/** A draft untouched this long is forgotten: long enough to come back tomorrow, short enough not to pile up. */
export const BUILDER_DRAFT_TTL_MS = 24 * 3_600_000;

export type BuilderDraftStore = ReturnType<typeof createBuilderDraftStore>;

interface Row { id: number; user_id: string; step: number; choices_json: string; updated_at: number }

const fromRow = (r: Row): BuilderDraft => ({ id: r.id, userId: r.user_id, step: r.step, choices: JSON.parse(r.choices_json) as BuildChoices, updatedAt: r.updated_at });

/**
 * The builder's state between clicks. A component's custom id holds 100 characters, far
 * too few for a name, a description and a dozen picks, so components carry only the
 * draft's id and the draft lives here. Every change renews its day; expired drafts are
 * swept whenever a draft is written.
 */
export function createBuilderDraftStore(db: Db, now: () => number = Date.now) {
  const insert = db.prepare(`INSERT INTO builder_drafts (user_id, step, choices_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
  const select = db.prepare<[number, string, number], Row>(`SELECT * FROM builder_drafts WHERE id = ? AND user_id = ? AND updated_at >= ?`);
  const latest = db.prepare<[string, number], Row>(`SELECT * FROM builder_drafts WHERE user_id = ? AND updated_at >= ? ORDER BY updated_at DESC, id DESC LIMIT 1`);
  const change = db.prepare(`UPDATE builder_drafts SET step = ?, choices_json = ?, updated_at = ? WHERE id = ?`);
  const expire = db.prepare(`DELETE FROM builder_drafts WHERE updated_at < ?`);
  const remove = db.prepare(`DELETE FROM builder_drafts WHERE id = ?`);
  const oldest = () => now() - BUILDER_DRAFT_TTL_MS;
  return {
    /** Starts a draft; a member's older drafts stay until they expire, but only the newest is offered for resuming. */
    create(userId: string, choices: BuildChoices): BuilderDraft {
      expire.run(oldest());
      const id = Number(insert.run(userId, 0, JSON.stringify(choices), now(), now()).lastInsertRowid);
      return { id, userId, step: 0, choices, updatedAt: now() };
    },
    /** The member's own draft, unless it has expired (another member's draft is never found). */
    get(id: number, userId: string): BuilderDraft | undefined {
      const row = select.get(id, userId, oldest());
      return row && fromRow(row);
    },
    /** The member's most recently touched draft, for resuming. */
    latest(userId: string): BuilderDraft | undefined {
      const row = latest.get(userId, oldest());
      return row && fromRow(row);
    },
    save(draft: Pick<BuilderDraft, "id" | "step" | "choices">): void {
      expire.run(oldest());
      change.run(draft.step, JSON.stringify(draft.choices), now(), draft.id);
    },
    remove(id: number): void {
      remove.run(id);
    },
  };
}
