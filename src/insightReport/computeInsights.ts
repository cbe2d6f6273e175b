import { insightData } from "../insights/fromStore.js";
import type { InsightData, InsightReport } from "../insights/types.js";
import type { Outline } from "../outline/types.js";
import { analyzeInThread } from "./analyzeInThread.js";
import { METRIC_PHRASES } from "./metricPhrases.js";
import { shortVariant } from "../specs/variant.js";
import type { Store } from "../store/index.js";

/** Bootstrap rounds for reports in Discord: enough for stable 95% intervals, quick enough to answer in seconds. */
export const REPORT_BOOTSTRAP = 400;

export interface ComputedInsights {
  data: InsightData;
  report: InsightReport;
  /** `name@id` of a variant, for lists of forks. */
  label: (variantId: string) => string;
}

/** Keeps only the evidence gathered on one model (variants stay: they are the fork graph). */
export function onModel(data: InsightData, model: string): InsightData {
  return {
    variants: data.variants,
    battles: data.battles.filter((b) => b.a.model === model && b.b.model === model),
    votes: data.votes.filter((v) => v.model === model),
    probes: data.probes.filter((p) => p.model === model),
  };
}

/**
 * The insights of one server (or all, with `guildId` null), optionally on one model: the
 * same seed every time, so the same data give the same report, and a button pressed on
 * it finds the same findings again. The analysis runs on its own thread.
 */
export async function computeInsights(store: Store, outline: Outline, query: { guildId: string | null; model?: string; bootstrap?: number }): Promise<ComputedInsights> {
  const all = insightData(store, outline, query.guildId);
  const data = query.model ? onModel(all, query.model) : all;
  const report = await analyzeInThread({ data, options: { outline, seed: 1, bootstrap: query.bootstrap ?? REPORT_BOOTSTRAP, metricPhrases: { ...METRIC_PHRASES } } });
  const names = new Map(data.variants.map((v) => [v.id, shortVariant(v.name, v.id)]));
  return { data, report, label: (id) => names.get(id) ?? id.slice(0, 8) };
}
