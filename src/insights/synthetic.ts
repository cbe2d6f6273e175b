import type { SpecFeatures } from "../features/deriveFeatures.js";
import { createRandom, type Random } from "../ratings/random.js";
import type { Winner } from "../ratings/types.js";
import { featureLevels } from "./featureLevels.js";
import { DEFAULT_TRUTH, SPACE, SYNTHETIC_METRIC, trueLevelSum, type FeatureSpace, type SyntheticTruth } from "./syntheticTruth.js";
import type { Contestant, InsightBattle, InsightData, InsightProbe, InsightVariant, InsightVotes } from "./types.js";

/** The size and make-up of a synthetic community. */
export interface SyntheticOptions {
  seed: number;
  variants: number;
  /** Mean variants per family (a root and its forks); sizes vary from half to one and a half times this. */
  familySize: number;
  models?: string[];
  battles: number;
  votes: number;
  /** Share of (variant, model) pairs with a probe result. Default 0.3. */
  probeShare?: number;
  /** Items per probe result. Default 30. */
  probeItems?: number;
  /** Share of forks that change two or three features at once. Default 0.2. */
  multiChangeShare?: number;
  /** Shares of battles between families (same model) and between models (same variant); the rest are within a family. Defaults 0.1 and 0.05. */
  crossFamilyShare?: number;
  modelDuelShare?: number;
  truth?: SyntheticTruth;
  /** The features variants draw from. Default `SPACE`. */
  space?: FeatureSpace;
}

/** A synthetic community and the truth it was drawn from. */
export interface Synthetic {
  data: InsightData;
  truth: SyntheticTruth;
}

/** Every feature of a space with its levels. */
function featuresOf(space: FeatureSpace): [string, readonly string[]][] {
  return [
    ...Object.entries(space.dials).map(([name, levels]): [string, readonly string[]] => [`dial:${name}`, levels]),
    ...Object.entries(space.blocks).map(([id, blocks]): [string, readonly string[]] => [`block:${id}`, blocks]),
    [`section:${space.custom}`, ["absent", "present"]],
    ["examples", space.examples.map(String)],
  ];
}

/**
 * A seeded community with known feature effects, for tests and the bench. Families grow
 * by forking a random member and changing one feature (or, for `multiChangeShare` of
 * forks, two or three); roots draw every feature at random. Outcomes follow the models the
 * analysis fits, with the truth's effects, model effects and a normal residual per variant
 * and outcome: battles from Bradley–Terry (ties and "both bad" arranged so that a's
 * expected score is its win probability), votes from the logistic model, probe results as
 * binomial counts of `probeItems` around the linear model's share.
 *
 * @example syntheticCommunity({ seed: 1, variants: 200, familySize: 8, battles: 20_000, votes: 20_000 }).data.variants.length // 200
 * @throws RangeError when battles are asked of fewer than two variants.
 */
export function syntheticCommunity(options: SyntheticOptions): Synthetic {
  if (options.variants < 2 && options.battles > 0) throw new RangeError("battles need at least two variants");
  const truth = options.truth ?? DEFAULT_TRUTH;
  const models = options.models ?? ["model-a", "model-b", "model-c"];
  const random = createRandom(options.seed);
  const { variants, levels } = growFamilies(options, random);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const value = (outcome: "duels" | "votes" | "probes", base: number) =>
    levels.map((l) => {
      const own = base + trueLevelSum(truth, outcome, l) + truth.residualSd[outcome] * normal();
      return models.map((_, m) => own + (truth.modelEffects[outcome][m] ?? 0));
    });
  const strength = value("duels", 0);
  const approval = value("votes", truth.base.votes).map((row) => row.map((logit) => 1 / (1 + Math.exp(-logit))));
  const kept = value("probes", truth.base.probes);
  return {
    data: {
      variants,
      battles: drawBattles(options, variants, models, strength, random),
      votes: drawVotes(options.votes, variants, models, approval, random),
      probes: drawProbes(options, variants, models, kept, random),
    },
    truth,
  };
}

function growFamilies(options: SyntheticOptions, random: Random): { variants: InsightVariant[]; levels: Map<string, string>[] } {
  const space = options.space ?? SPACE;
  const features = featuresOf(space);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const variants: InsightVariant[] = [];
  const levels: Map<string, string>[] = [];
  while (variants.length < options.variants) {
    const size = Math.min(options.variants - variants.length, Math.max(1, Math.round(options.familySize * (0.5 + random()))));
    const members: number[] = [];
    for (let k = 0; k < size; k++) {
      const parent = k === 0 ? -1 : pick(members);
      const own = parent < 0 ? new Map(features.map(([f, ls]) => [f, pick(ls)])) : new Map(levels[parent]!);
      if (parent >= 0) {
        const changes = random() < (options.multiChangeShare ?? 0.2) ? 2 + Math.floor(random() * 2) : 1;
        // A partial Fisher–Yates shuffle picks the changed features.
        const order = [...features];
        for (let c = 0; c < changes; c++) {
          const swap = c + Math.floor(random() * (order.length - c));
          [order[c], order[swap]] = [order[swap]!, order[c]!];
          const [feature, choices] = order[c]!;
          own.set(feature, pick(choices.filter((l) => l !== own.get(feature))));
        }
      }
      const id = `v${variants.length}`;
      const family = parent < 0 ? id : variants[members[0]!]!.id;
      members.push(variants.length);
      levels.push(own);
      variants.push({ id, name: `persona-${family}`, version: k + 1, family, parentId: parent < 0 ? null : variants[parent]!.id, features: toFeatures(own, space, random) });
    }
  }
  // The levels as the analysis derives them, so that examples counts map to their buckets.
  const vocabulary = { dials: Object.keys(space.dials), blocks: Object.keys(space.blocks), titles: [space.custom] };
  return { variants, levels: variants.map((v) => featureLevels(v.features, vocabulary)) };
}

function toFeatures(levels: Map<string, string>, space: FeatureSpace, random: Random): SpecFeatures {
  const blocks = Object.fromEntries(Object.keys(space.blocks).map((id) => [id, levels.get(`block:${id}`) === "none" ? null : levels.get(`block:${id}`)!]));
  const titles = Object.entries(space.titles).filter(([id]) => blocks[id] !== null).map(([, title]) => title);
  const length = 3000 + Math.floor(random() * 3000);
  return {
    blocks,
    dials: Object.fromEntries(Object.keys(space.dials).map((name) => [name, Number(levels.get(`dial:${name}`))])),
    sections: [...titles, ...(levels.get(`section:${space.custom}`) === "present" ? [space.custom] : [])],
    length,
    tokens: Math.round(length / 4),
    examples: Number(levels.get("examples")),
  };
}

function drawBattles(options: SyntheticOptions, variants: InsightVariant[], models: string[], strength: number[][], random: Random): InsightBattle[] {
  const contestants: Contestant[] = models.flatMap((model) => variants.map((v) => ({ variant: v.id, model })));
  const of = (v: number, m: number) => contestants[m * variants.length + v]!;
  const families = new Map<string, number[]>();
  variants.forEach((v, i) => (families.get(v.family) ?? families.set(v.family, []).get(v.family)!).push(i));
  const n = variants.length;
  const battles: InsightBattle[] = new Array(options.battles);
  for (let k = 0; k < options.battles; k++) {
    const u = random();
    const i = Math.floor(random() * n);
    const m = Math.floor(random() * models.length);
    let [j, mj] = [i, m];
    if (u < (options.modelDuelShare ?? 0.05) && models.length > 1) mj = (m + 1 + Math.floor(random() * (models.length - 1))) % models.length;
    else {
      const kin = families.get(variants[i]!.family)!;
      const within = u >= (options.modelDuelShare ?? 0.05) + (options.crossFamilyShare ?? 0.1) && kin.length > 1;
      do j = within ? kin[Math.floor(random() * kin.length)]! : Math.floor(random() * n);
      while (j === i);
    }
    const p = 1 / (1 + Math.exp(strength[j]![mj]! - strength[i]![m]!));
    const tie = 0.2 * Math.min(p, 1 - p);
    const x = random();
    const winner: Winner = x < tie / 2 ? "bothbad" : x < tie ? "tie" : x < tie + p - tie / 2 ? "a" : "b";
    battles[k] = { a: of(i, m), b: of(j, mj), winner };
  }
  return battles;
}

function drawVotes(count: number, variants: InsightVariant[], models: string[], approval: number[][], random: Random): InsightVotes[] {
  const up = new Float64Array(variants.length * models.length);
  const down = new Float64Array(variants.length * models.length);
  for (let k = 0; k < count; k++) {
    const v = Math.floor(random() * variants.length);
    const m = Math.floor(random() * models.length);
    if (random() < approval[v]![m]!) up[v * models.length + m]!++;
    else down[v * models.length + m]!++;
  }
  return variants.flatMap((variant, v) =>
    models.flatMap((model, m) => {
      const c = v * models.length + m;
      return up[c]! + down[c]! > 0 ? [{ variant: variant.id, model, up: up[c]!, down: down[c]! }] : [];
    }),
  );
}

function drawProbes(options: SyntheticOptions, variants: InsightVariant[], models: string[], kept: number[][], random: Random): InsightProbe[] {
  const items = options.probeItems ?? 30;
  const [suite, metric] = SYNTHETIC_METRIC.split("/") as [string, string];
  const rows: InsightProbe[] = [];
  variants.forEach((variant, v) =>
    models.forEach((model, m) => {
      if (random() >= (options.probeShare ?? 0.3)) return;
      const share = Math.min(0.99, Math.max(0.01, kept[v]![m]!));
      let successes = 0;
      for (let k = 0; k < items; k++) if (random() < share) successes++;
      const mean = successes / items;
      rows.push({ variant: variant.id, model, suite, metric, mean, se: Math.sqrt((mean * (1 - mean)) / items), n: items });
    }),
  );
  return rows;
}
