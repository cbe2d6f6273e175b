import { fitFeatureModels } from "./featureModel.js";
import { communityVocabulary, featureLevels } from "./featureLevels.js";
import { buildFindings, NEGLIGIBLE } from "./findings.js";
import { indexData, type IndexedData } from "./indexData.js";
import { singleChanges } from "./singleChanges.js";
import { suggestForks } from "./suggestions.js";
import type { InsightData, InsightOptions, InsightReport } from "./types.js";

/** Fewer families than this in the whole community, and every estimate leans on a few authors' habits. */
const FEW_FAMILIES = 5;

type Settings = Required<Omit<InsightOptions, "outline" | "onStage">> & Pick<InsightOptions, "outline" | "onStage">;

/**
 * The whole Insights analysis of a community's variants, duels, votes and probe results:
 * single-change forks pooled per change (item 1), models of all variants per outcome
 * (item 2), findings in words with false-discovery-rate flags and caveats (items 3–4), and
 * suggested forks for the least-known effects (item 5). Pure and synchronous; the same data
 * and seed give the same report.
 *
 * @example
 * const report = analyzeInsights(data, { seed: 1, outline });
 * report.findings.filter((f) => f.status === "finding").map((f) => f.sentence)
 * // ['Forks that moved warmth from 0.8 to 0.4 rated 45 Elo points lower in duels (95% CI 20–70; 9 forks, 4 families).', …]
 * @throws RangeError naming an option that is out of range.
 */
export function analyzeInsights(data: InsightData, options: InsightOptions = {}): InsightReport {
  const settings = resolve(options);
  const stage = <T>(name: string, run: () => T): T => {
    const start = performance.now();
    const result = run();
    settings.onStage?.(name, (performance.now() - start) / 1000);
    return result;
  };
  const { index, vocabulary, levels } = stage("index", () => {
    const vocabulary = communityVocabulary(data.variants.map((v) => v.features), settings.outline, settings.minVariants);
    return { index: indexData(data), vocabulary, levels: data.variants.map((v) => featureLevels(v.features, vocabulary)) };
  });
  const { forks, changes } = stage("single changes", () => singleChanges(index, settings));
  const fits = fitFeatureModels(index, levels, { ...settings, rareTitles: vocabulary.rareTitles, onFit: (outcome, seconds) => settings.onStage?.(`model of all variants: ${outcome}`, seconds) });
  const findings = stage("findings", () => buildFindings(changes, fits, settings));
  const suggestions = stage("suggestions", () => suggestForks(index, levels, fits, settings.suggestions, settings.negligible));
  return { forks, changes, fits, findings, suggestions, caveats: reportCaveats(index, vocabulary.rareTitles) };
}

function resolve(options: InsightOptions): Settings {
  const settings: Settings = {
    seed: options.seed ?? 1,
    bootstrap: options.bootstrap ?? 1000,
    fdr: options.fdr ?? 0.1,
    negligible: options.negligible ?? NEGLIGIBLE,
    minVariants: options.minVariants ?? 5,
    minFamilies: options.minFamilies ?? 3,
    minForks: options.minForks ?? 3,
    minContrastDuels: options.minContrastDuels ?? 20,
    metricPhrases: options.metricPhrases ?? {},
    suggestions: options.suggestions ?? 5,
    outline: options.outline,
    onStage: options.onStage,
  };
  if (!Number.isSafeInteger(settings.seed)) throw new RangeError(`seed must be a whole number, got ${settings.seed}`);
  for (const name of ["bootstrap", "minVariants", "minFamilies", "minForks", "minContrastDuels", "suggestions"] as const) {
    if (!Number.isSafeInteger(settings[name]) || settings[name] < (name === "bootstrap" ? 1 : 0)) {
      throw new RangeError(`${name} must be a whole number ≥ ${name === "bootstrap" ? 1 : 0}, got ${settings[name]}`);
    }
  }
  if (!(settings.fdr > 0 && settings.fdr < 1)) throw new RangeError(`fdr must be between 0 and 1, got ${settings.fdr}`);
  if (!(settings.negligible.elo >= 0 && settings.negligible.pp >= 0)) throw new RangeError("negligible effects must be ≥ 0 Elo points and percentage points");
  return settings;
}

function reportCaveats(index: IndexedData, rare: number): string[] {
  const caveats: string[] = [];
  const { skipped, models, familyNames } = index;
  if (models.length === 1) caveats.push(`Every result is from one model (${models[0]}): effects may differ on others.`);
  if (familyNames.length < FEW_FAMILIES) caveats.push(`Only ${familyNames.length} famil${familyNames.length === 1 ? "y" : "ies"}: effects may be those of a few authors' styles.`);
  const left = [
    [skipped.battles, "duels"],
    [skipped.votes, "vote rows"],
    [skipped.probes, "probe results"],
  ].filter(([count]) => Number(count) > 0);
  if (left.length > 0) {
    caveats.push(`Left out: ${left.map(([count, what]) => `${count} ${what}`).join(", ")} naming unknown variants, a contestant against itself, or no data.`);
  }
  if (rare > 0) caveats.push(`${rare} section title${rare === 1 ? " is" : "s are"} used by too few variants to analyse.`);
  return caveats;
}
