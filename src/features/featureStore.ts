import { createHash } from "node:crypto";
import type { Outline } from "../outline/types.js";
import type { PersonaSpec } from "../specs/schema.js";
import type { Db } from "../store/db.js";
import { deriveFeatures, type SpecFeatures } from "./deriveFeatures.js";

/** Where a variant's blocks came from: recorded by the builder, or recognised in its text. */
export type FeatureSource = "built" | "derived";

export interface StoredFeatures {
  features: SpecFeatures;
  source: FeatureSource;
}

/**
 * A short fingerprint of the outline's content: recognised blocks are only as current as
 * the outline they were matched against, so a changed outline means deriving again.
 */
export function outlineHash(outline: Outline): string {
  return createHash("sha256").update(JSON.stringify(outline)).digest("hex").slice(0, 16);
}

export type FeatureStore = ReturnType<typeof createFeatureStore>;

/** Every variant's features, stored so that `/persona show`, fork notes and insights read the same record. */
export function createFeatureStore(db: Db, now: () => number = Date.now) {
  const upsert = db.prepare(`
    INSERT INTO variant_features (variant_id, features_json, source, outline_hash, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (variant_id) DO UPDATE SET features_json = excluded.features_json, source = excluded.source,
      outline_hash = excluded.outline_hash, updated_at = excluded.updated_at`);
  const select = db.prepare<[string], { features_json: string; source: FeatureSource }>(`SELECT features_json, source FROM variant_features WHERE variant_id = ?`);
  const all = db.prepare<[], { variant_id: string; features_json: string; source: FeatureSource }>(`SELECT variant_id, features_json, source FROM variant_features`);
  // Built variants keep the blocks they were built with whatever the outline says later.
  const stale = db.prepare<[string], { id: string; spec_json: string }>(`
    SELECT v.id, v.spec_json FROM variants v LEFT JOIN variant_features f ON f.variant_id = v.id
    WHERE f.variant_id IS NULL OR (f.source = 'derived' AND f.outline_hash <> ?)`);
  return {
    record(variantId: string, features: SpecFeatures, source: FeatureSource, hash: string): void {
      upsert.run(variantId, JSON.stringify(features), source, hash, now());
    },
    get(variantId: string): StoredFeatures | undefined {
      const row = select.get(variantId);
      return row && { features: JSON.parse(row.features_json) as SpecFeatures, source: row.source };
    },
    /** All stored features by variant id, for analyses across the whole fork graph. */
    all(): Map<string, StoredFeatures> {
      return new Map(all.all().map((r) => [r.variant_id, { features: JSON.parse(r.features_json) as SpecFeatures, source: r.source }]));
    },
    /**
     * Derives and stores the features of every variant that has none yet, or whose blocks
     * were recognised against another outline; returns how many it wrote.
     */
    refresh(outline: Outline): number {
      const hash = outlineHash(outline);
      const rows = stale.all(hash);
      db.transaction(() => {
        for (const row of rows) upsert.run(row.id, JSON.stringify(deriveFeatures(JSON.parse(row.spec_json) as PersonaSpec, outline)), "derived", hash, now());
      })();
      return rows.length;
    },
  };
}
