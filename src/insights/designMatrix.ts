import { compareLevels, kindOf, type Levels } from "./featureLevels.js";

/** One indicator column: variants at `level` of `feature`, against those at its `reference` level. */
export interface Column {
  feature: string;
  level: string;
  reference: string;
  carriers: number;
  families: number;
}

/** A level that gets no column, and why; `inseparableFrom` names the column it always moves with, when that is why. */
export interface Excluded extends Column {
  reason: string;
  inseparableFrom?: string;
}

/**
 * Indicator ("dummy") coding of the variants' feature levels: each feature's most common
 * level is its reference, and every other level a 0/1 column, so an effect reads "this
 * level rather than the usual one". Stored sparse, row by row (CSR): a variant's columns
 * are `cols[start[v]] … cols[start[v + 1] − 1]`, ascending.
 */
export interface Design {
  columns: Column[];
  start: Int32Array;
  cols: Int32Array;
  excluded: Excluded[];
}

/** What a level needs for a column: carrying variants (and as many without it), and families carrying it. */
export interface DesignRules {
  minVariants: number;
  minFamilies: number;
}

/** Kinds in the order columns are taken: when two columns always move together, the later one is dropped. */
const KIND_ORDER = { dial: 0, block: 1, examples: 2, section: 3 } as const;
/** A column whose part not explained by earlier ones is below this share of its variance adds nothing they don't. */
const ALIAS_TOLERANCE = 1e-8;

/**
 * The design for variants with `levels`, in families `family`. A level is excluded when
 * fewer than `minVariants` variants carry it or lack it, when fewer than `minFamilies`
 * families carry it, when `drop` names it (`feature=level` → reason), or when it is a
 * linear combination of earlier columns (e.g. a section title present exactly when some
 * block is): a pivoted Cholesky factorisation of the centred Gram matrix finds those.
 */
export function buildDesign(levels: readonly Levels[], family: Int32Array, rules: DesignRules, drop: ReadonlyMap<string, string> = new Map()): Design {
  const counts = new Map<string, Map<string, number>>();
  for (const variant of levels) {
    for (const [feature, level] of variant) {
      const perLevel = counts.get(feature) ?? counts.set(feature, new Map()).get(feature)!;
      perLevel.set(level, (perLevel.get(level) ?? 0) + 1);
    }
  }
  const features = [...counts.keys()].sort((a, b) => KIND_ORDER[kindOf(a)] - KIND_ORDER[kindOf(b)] || (a < b ? -1 : a > b ? 1 : 0));
  const candidates: Column[] = [];
  for (const feature of features) {
    const perLevel = [...counts.get(feature)!].sort(([a, n], [b, m]) => m - n || compareLevels(feature, a, b));
    const reference = perLevel[0]![0];
    for (const [level] of perLevel.slice(1).sort(([a], [b]) => compareLevels(feature, a, b))) {
      candidates.push({ feature, level, reference, carriers: 0, families: 0 });
    }
  }
  const indexOf = new Map<string, Map<string, number>>();
  candidates.forEach((c, k) => (indexOf.get(c.feature) ?? indexOf.set(c.feature, new Map()).get(c.feature)!).set(c.level, k));
  const rows = levels.map((variant) => {
    const row: number[] = [];
    for (const [feature, level] of variant) {
      const k = indexOf.get(feature)?.get(level);
      if (k !== undefined) row.push(k);
    }
    return row.sort((a, b) => a - b);
  });
  countCarriers(candidates, rows, family);
  const excluded: Excluded[] = [];
  const variants = (n: number) => `${n} variant${n === 1 ? "" : "s"} with data ${n === 1 ? "has" : "have"}`;
  const reasonFor = (c: Column): string | undefined =>
    drop.get(`${c.feature}=${c.level}`) ??
    (c.carriers < rules.minVariants
      ? `only ${variants(c.carriers)} it`
      : levels.length - c.carriers < rules.minVariants
        ? `only ${variants(levels.length - c.carriers)} another level`
        : c.families < rules.minFamilies
          ? `found in only ${c.families} famil${c.families === 1 ? "y" : "ies"}`
          : undefined);
  const passed: number[] = [];
  candidates.forEach((c, k) => {
    const reason = reasonFor(c);
    if (reason) excluded.push({ ...c, reason });
    else passed.push(k);
  });
  const kept = withoutAliases(passed, rows, candidates, excluded);
  const newIndex = new Map(kept.map((k, j) => [k, j]));
  const start = new Int32Array(levels.length + 1);
  const cols: number[] = [];
  rows.forEach((row, v) => {
    for (const k of row) if (newIndex.has(k)) cols.push(newIndex.get(k)!);
    start[v + 1] = cols.length;
  });
  return { columns: kept.map((k) => candidates[k]!), start, cols: Int32Array.from(cols), excluded };
}

/**
 * Calls `visit` with each column that one of variants `a` and `b` has and the other lacks:
 * a merge of their ascending column lists, no allocation.
 */
export function forEachDifference(design: Design, a: number, b: number, visit: (column: number) => void): void {
  const { start, cols } = design;
  let x = start[a]!;
  let y = start[b]!;
  const xEnd = start[a + 1]!;
  const yEnd = start[b + 1]!;
  while (x < xEnd || y < yEnd) {
    const cx = x < xEnd ? cols[x]! : Infinity;
    const cy = y < yEnd ? cols[y]! : Infinity;
    if (cx === cy) {
      x++;
      y++;
    } else if (cx < cy) {
      visit(cx);
      x++;
    } else {
      visit(cy);
      y++;
    }
  }
}

function countCarriers(columns: Column[], rows: number[][], family: Int32Array): void {
  const families = columns.map(() => new Set<number>());
  rows.forEach((row, v) => {
    for (const k of row) {
      columns[k]!.carriers++;
      families[k]!.add(family[v]!);
    }
  });
  columns.forEach((c, k) => (c.families = families[k]!.size));
}

/** The columns of `order` that are not linear combinations of the constant and the columns before them; the others go to `excluded`. */
function withoutAliases(order: number[], rows: number[][], columns: Column[], excluded: Excluded[]): number[] {
  const p = order.length;
  const position = new Int32Array(columns.length).fill(-1);
  order.forEach((k, j) => (position[k] = j));
  const gram = new Float64Array(p * p);
  const sums = new Float64Array(p);
  for (const row of rows) {
    for (const ka of row) {
      const a = position[ka]!;
      if (a < 0) continue;
      sums[a]!++;
      for (const kb of row) if (position[kb]! >= 0) gram[a * p + position[kb]!]!++;
    }
  }
  const n = rows.length;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) gram[a * p + b]! -= (sums[a]! * sums[b]!) / n;
  const factor = new Float64Array(p * p);
  const kept: number[] = [];
  for (let j = 0; j < p; j++) {
    // Row j of the factor against the columns kept so far; what is left of its variance decides.
    for (const k of kept) {
      let s = gram[j * p + k]!;
      for (const l of kept) {
        if (l >= k) break;
        s -= factor[j * p + l]! * factor[k * p + l]!;
      }
      factor[j * p + k] = s / factor[k * p + k]!;
    }
    let d = gram[j * p + j]!;
    for (const k of kept) d -= factor[j * p + k]! ** 2;
    if (d > ALIAS_TOLERANCE * gram[j * p + j]!) {
      factor[j * p + j] = Math.sqrt(d);
      kept.push(j);
      continue;
    }
    // The combination of kept columns it equals: solve Lᵀ c = (its row of the factor), by back substitution.
    const c = new Float64Array(kept.length);
    for (let a = kept.length - 1; a >= 0; a--) {
      let s = factor[j * p + kept[a]!]!;
      for (let b = a + 1; b < kept.length; b++) s -= factor[kept[b]! * p + kept[a]!]! * c[b]!;
      c[a] = s / factor[kept[a]! * p + kept[a]!]!;
    }
    const partners = kept.map((k, a) => [k, Math.abs(c[a]!)] as const).filter(([, size]) => size > 1e-6).sort((x, y) => y[1] - x[1]);
    const names = partners.slice(0, 3).map(([k]) => `${columns[order[k]!]!.feature}=${columns[order[k]!]!.level}`);
    const partnerName = names.length > 0 ? names.join(" and ") : "the other features";
    excluded.push({ ...columns[order[j]!]!, reason: `always changes together with ${partnerName}, so their effects cannot be told apart`, inseparableFrom: partnerName });
  }
  return kept.map((j) => order[j]!);
}
