import { deriveFeatures } from "../features/deriveFeatures.js";
import type { Outline } from "../outline/types.js";
import type { Estimate, SuiteSummary } from "../probes/index.js";
import type { PersonaSpec } from "../specs/schema.js";
import type { Store } from "../store/index.js";
import type { InsightData, InsightProbe, InsightVariant } from "./types.js";

/** The 95% normal quantile, to turn an interval's half-width back into a standard error. */
const Z95 = 1.959963984540054;

/**
 * Everything the analysis reads, from the store: every variant with its features and
 * parent (hidden ones too: their votes and duels are still evidence about features),
 * the counted duel votes as battles, reply-vote tallies per variant and model, and the
 * newest probe result of each suite, variant and model, one entry per score.
 * `guildId` null means every server.
 */
export function insightData(store: Store, outline: Outline, guildId: string | null): InsightData {
  const stored = store.features.all();
  const rows = store.db.prepare<[], { id: string; name: string; family: string; parent_id: string | null; spec_json: string }>(
    `SELECT id, name, family, parent_id, spec_json FROM variants ORDER BY created_at, rowid`,
  ).all();
  const versions = new Map<string, number>();
  const variants: InsightVariant[] = rows.map((r) => {
    const version = (versions.get(r.name) ?? 0) + 1;
    versions.set(r.name, version);
    const features = stored.get(r.id)?.features ?? deriveFeatures(JSON.parse(r.spec_json) as PersonaSpec, outline);
    return { id: r.id, name: r.name, version, family: r.family, parentId: r.parent_id, features };
  });
  const battles = store.duels.ratedVotes(guildId).map((v) => ({
    a: { variant: v.variant0, model: v.model0 },
    b: { variant: v.variant1, model: v.model1 },
    winner: v.outcome === 0 ? ("a" as const) : v.outcome === 1 ? ("b" as const) : v.outcome,
  }));
  const votes = store.votes.tallies({ guildId }).map((t) => ({ variant: t.variantId, model: t.model, up: t.up, down: t.down }));
  const probes = variants.flatMap((v) => store.probeRuns.latestFor(v.id).flatMap((run) => probeScores(v.id, run.model, run.suite, run.summary as SuiteSummary | null)));
  return { variants, battles, votes, probes };
}

/** A probe run's scores on a 0–1 scale with standard errors; differences and empty scores are left out. */
function probeScores(variant: string, model: string, suite: string, summary: SuiteSummary | null): InsightProbe[] {
  return (summary?.scores ?? []).flatMap((score) => {
    const scaled = toUnitScale(score.estimate);
    return scaled && scaled.n > 0 ? [{ variant, model, suite, metric: score.key, ...scaled }] : [];
  });
}

function toUnitScale(e: Estimate): { mean: number; se: number; n: number } | undefined {
  if (e.type === "share") {
    // The Wilson interval's half-width keeps a 0% or 100% score from claiming no uncertainty.
    return { mean: e.value, se: Math.max(Math.sqrt((e.value * (1 - e.value)) / Math.max(e.n, 1)), (e.upper - e.lower) / (2 * Z95)), n: e.n };
  }
  if (e.type === "mean") {
    const width = e.range[1] - e.range[0] || 1;
    return { mean: (e.value - e.range[0]) / width, se: Math.max(e.sd / Math.sqrt(Math.max(e.n, 1)), (e.upper - e.lower) / (2 * Z95)) / width, n: e.n };
  }
  return undefined;
}
