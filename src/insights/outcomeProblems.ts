import { observedCells } from "../ratings/resample.js";
import { buildDesign, type DesignRules } from "./designMatrix.js";
import type { Levels } from "./featureLevels.js";
import type { IndexedData } from "./indexData.js";
import { cellDifferences, type PairProblem } from "./pairOperators.js";
import type { RowProblem } from "./rowFit.js";

/** Which variants and models one outcome's fit covers, and how its parameters map back. */
export interface Coverage {
  /** Local variant → index in the input. */
  variants: Int32Array;
  /** Local variant → family index. */
  family: Int32Array;
  /** The model with most data: the others are measured against it. */
  reference: number;
  /** The other models with data, in the order of their parameters. */
  models: number[];
  /** "feature=level" → the data that informs that level (see `FeatureEffect.evidence`). */
  evidence: Map<string, number>;
}

/** The design rules, and the duels a level needs between variants that differ in it. */
export interface DuelRules extends DesignRules {
  minContrastDuels: number;
}

/**
 * The Bradley–Terry model of all variants over the battles: contestants that fought, their
 * variants' design, and per level the duels between variants that differ in it — a level
 * never compared head to head is left out, whatever its carriers number.
 */
export function duelProblem(index: IndexedData, levels: readonly Levels[], rules: DuelRules): { problem: PairProblem; coverage: Coverage } {
  const n = index.variants.length;
  const cells = observedCells(index.pairs);
  const fought = new Uint8Array(n * index.models.length);
  const games = new Float64Array(index.models.length);
  for (let k = 0; k < cells.first.length; k++) {
    fought[cells.first[k]!] = fought[cells.second[k]!] = 1;
    games[Math.floor(cells.first[k]! / n)]! += cells.games[k]!;
    games[Math.floor(cells.second[k]! / n)]! += cells.games[k]!;
  }
  const { variants, localVariant } = localVariants(n, (v) => index.models.some((_, m) => fought[m * n + v] === 1));
  const contestants: number[] = [];
  const local = new Int32Array(fought.length).fill(-1);
  for (let c = 0; c < fought.length; c++) if (fought[c]) local[c] = contestants.push(c) - 1;
  const { reference, models } = rankModels(games);
  const family = variants.map((v) => index.family[v]!);
  const chosen = [...variants].map((v) => levels[v]!);
  const first = cells.first.map((c) => local[c]!);
  const second = cells.second.map((c) => local[c]!);
  const variantOf = Int32Array.from(contestants, (c) => localVariant[c % n]!);
  // Dropping a level can free another that only moved together with it, so check again until every column was
  // duelled: each round drops at least one column, so there are at most as many rounds as columns.
  const evidence = new Map<string, number>();
  const drop = new Map<string, string>();
  let design = buildDesign(chosen, family, rules);
  let differences = cellDifferences(design, { ...cells, first, second }, variantOf);
  for (;;) {
    const contrast = new Float64Array(design.columns.length);
    for (let k = 0; k < first.length; k++) {
      for (let q = differences.start[k]!; q < differences.start[k + 1]!; q++) contrast[differences.cols[q]!]! += cells.games[k]!;
    }
    const thin = design.columns.flatMap((col, k) => {
      const key = `${col.feature}=${col.level}`;
      evidence.set(key, contrast[k]!);
      return contrast[k]! < rules.minContrastDuels ? [[key, `only ${contrast[k]} duels between variants that differ in it`] as const] : [];
    });
    if (thin.length === 0) break;
    for (const [key, reason] of thin) drop.set(key, reason);
    design = buildDesign(chosen, family, rules, drop);
    differences = cellDifferences(design, { ...cells, first, second }, variantOf);
  }
  const p = design.columns.length;
  const contestantModel = Int32Array.from(contestants, (c) => {
    const m = Math.floor(c / n);
    return m === reference ? -1 : p + models.indexOf(m);
  });
  return {
    problem: { design, variants: variants.length, contestantVariant: variantOf, contestantModel, cells: { ...cells, first, second }, differences, fixed: p + models.length },
    coverage: { variants, family, reference, models, evidence },
  };
}

/** Rows of a binomial or normal outcome: vote tallies, or one probe metric's results. */
export interface OutcomeRows {
  variant: Int32Array;
  model: Int32Array;
  y: Float64Array;
  n: Float64Array;
}

/** The row model of one outcome (see `rowFit`); a level's evidence is the trials (votes) or results on its carriers. */
export function rowProblem(index: IndexedData, rows: OutcomeRows, kind: RowProblem["kind"], levels: readonly Levels[], rules: DesignRules): { problem: RowProblem; coverage: Coverage } {
  const n = index.variants.length;
  const has = new Uint8Array(n);
  rows.variant.forEach((v) => (has[v] = 1));
  const { variants, localVariant } = localVariants(n, (v) => has[v] === 1);
  const perModel = new Float64Array(index.models.length);
  rows.model.forEach((m, row) => (perModel[m]! += kind === "binomial" ? rows.n[row]! : 1));
  const { reference, models } = rankModels(perModel);
  const family = variants.map((v) => index.family[v]!);
  const design = buildDesign([...variants].map((v) => levels[v]!), family, rules);
  const p = design.columns.length;
  const evidence = new Map<string, number>();
  rows.variant.forEach((v, row) => {
    for (const [feature, level] of levels[v]!) {
      const key = `${feature}=${level}`;
      evidence.set(key, (evidence.get(key) ?? 0) + (kind === "binomial" ? rows.n[row]! : 1));
    }
  });
  const problem: RowProblem = {
    kind,
    design,
    variants: variants.length,
    variant: rows.variant.map((v) => localVariant[v]!),
    model: rows.model.map((m) => (m === reference ? -1 : 1 + p + models.indexOf(m))),
    y: rows.y,
    n: rows.n,
    fixed: 1 + p + models.length,
  };
  return { problem, coverage: { variants, family, reference, models, evidence } };
}

function localVariants(n: number, included: (v: number) => boolean): { variants: Int32Array; localVariant: Int32Array } {
  const localVariant = new Int32Array(n).fill(-1);
  const variants: number[] = [];
  for (let v = 0; v < n; v++) if (included(v)) localVariant[v] = variants.push(v) - 1;
  return { variants: Int32Array.from(variants), localVariant };
}

/** The model with most data as the reference, and the others with any data. */
function rankModels(amount: Float64Array): { reference: number; models: number[] } {
  let reference = 0;
  for (let m = 1; m < amount.length; m++) if (amount[m]! > amount[reference]!) reference = m;
  return { reference, models: [...amount.keys()].filter((m) => m !== reference && amount[m]! > 0) };
}
