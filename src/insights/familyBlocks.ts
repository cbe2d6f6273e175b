import { cholesky, choleskySolve } from "./cholesky.js";
import type { PairFit } from "./pairFit.js";
import { FIXED_RIDGE, type PairProblem } from "./pairOperators.js";

/**
 * The Bradley–Terry curvature H cut into families, for two uses: a preconditioner that
 * makes each conjugate-gradient solve of `pairInfluence` take a handful of iterations
 * rather than twenty, and each family's share of the information about the effects.
 *
 * P = H + Σ over duels between families of w (e_i + e_j)(e_i + e_j)ᵀ in the two residuals:
 * each such duel is split into two halves, each against its own side's residual only,
 * which adds a positive semidefinite term (so P ≽ H, and H's eigenvalues relative to P lie
 * in [½, 1]) and makes P's residual block block-diagonal by family. P⁻¹ is then exact and
 * cheap by block elimination: per family C_f (residuals × residuals, with the penalty λ)
 * and B_f (residuals × effects), and the effects' Schur complement
 * S = A − Σ_f B_fᵀ C_f⁻¹ B_f, A being H's effects × effects block.
 *
 * A family's share S_f = A_f − B_fᵀ C_f⁻¹ B_f, A_f from its own duels and half of each
 * duel with another family, so that Σ_f S_f + ridge = S. Built in one pass over each
 * family's duels and kept, effects² numbers per family (14 MB for 800 families and 45
 * effects).
 */
export interface FamilyBlocks {
  /** out = P⁻¹ r. */
  precondition(r: Float64Array, out: Float64Array): void;
  /** Writes S_f (effects × effects) into `out` and returns true, or returns false for a family without duels. */
  share(family: number, out: Float64Array): boolean;
}

/** One family's residuals (variants), C_f's Cholesky factor, B_f (members × effects) and S_f. */
interface Block {
  members: Int32Array;
  c: Float64Array;
  b: Float64Array;
  share: Float64Array;
}

/** The blocks of `fit`'s curvature per family (`familyOf`: local variant → family index). */
export function familyBlocks(problem: PairProblem, fit: PairFit, familyOf: Int32Array): FamilyBlocks {
  const { cells, contestantVariant, fixed: q } = problem;
  const direction = duelDirections(problem);
  const membersOf = groupBy(familyOf, null);
  // Each duel belongs to its first side's family, and also to its second side's when that is another.
  const cellFamilies = new Int32Array(cells.first.length);
  const otherFamilies = new Int32Array(cells.first.length);
  for (let k = 0; k < cells.first.length; k++) {
    cellFamilies[k] = familyOf[contestantVariant[cells.first[k]!]!]!;
    const other = familyOf[contestantVariant[cells.second[k]!]!]!;
    otherFamilies[k] = other === cellFamilies[k] ? -1 : other;
  }
  const cellsOf = groupBy(cellFamilies, otherFamilies);
  const position = new Int32Array(problem.variants);
  for (const members of membersOf.values()) members.forEach((v, i) => (position[v] = i));
  const schur = new Float64Array(q * q);
  for (let i = 0; i < q; i++) schur[i * q + i] = FIXED_RIDGE;
  const blocks = new Map<number, Block>();
  for (const [f, members] of membersOf) {
    const block = buildBlock(problem, fit, direction, members, cellsOf.get(f) ?? new Int32Array(0), position, familyOf, f);
    for (let i = 0; i < q * q; i++) schur[i]! += block.share[i]!;
    blocks.set(f, block);
  }
  cholesky(schur, q);
  const longest = [...membersOf.values()].reduce((a, m) => Math.max(a, m.length), 0);
  const y = new Float64Array(longest);
  const s = new Float64Array(q);
  return {
    precondition(r, out) {
      s.set(r.subarray(0, q));
      for (const { members, c, b } of blocks.values()) {
        const n = members.length;
        for (let i = 0; i < n; i++) y[i] = r[q + members[i]!]!;
        choleskySolve(c, n, y);
        for (let i = 0; i < n; i++) for (let x = 0; x < q; x++) s[x]! -= b[i * q + x]! * y[i]!;
      }
      choleskySolve(schur, q, s);
      out.set(s);
      for (const { members, c, b } of blocks.values()) {
        const n = members.length;
        for (let i = 0; i < n; i++) {
          let sum = r[q + members[i]!]!;
          for (let x = 0; x < q; x++) sum -= b[i * q + x]! * s[x]!;
          y[i] = sum;
        }
        choleskySolve(c, n, y);
        for (let i = 0; i < n; i++) out[q + members[i]!] = y[i]!;
      }
    },
    share(f, out) {
      const block = blocks.get(f);
      if (!block) return false;
      out.set(block.share);
      return true;
    },
  };
}

/** One family's block: C_f and B_f from its duels (a duel with another family on its side only, its diagonal doubled), then S_f. */
function buildBlock(problem: PairProblem, fit: PairFit, direction: Directions, members: Int32Array, cells: Int32Array, position: Int32Array, familyOf: Int32Array, family: number): Block {
  const { fixed: q, contestantVariant } = problem;
  const w = fit.curvature.weight;
  const n = members.length;
  const c = new Float64Array(n * n);
  const b = new Float64Array(n * q);
  const share = new Float64Array(q * q);
  for (let i = 0; i < n; i++) c[i * n + i] = fit.lambda;
  for (const k of cells) {
    const vi = contestantVariant[problem.cells.first[k]!]!;
    const vj = contestantVariant[problem.cells.second[k]!]!;
    const mine = familyOf[vi] === family;
    const theirs = familyOf[vj] === family;
    const weight = w[k]!;
    addOuter(share, q, direction, k, mine && theirs ? weight : weight / 2);
    if (vi === vj) continue;
    // A duel with another family counts twice on its own side's diagonal: the split that keeps P ≽ H.
    const diagonal = mine && theirs ? weight : 2 * weight;
    const [pi, pj] = [position[vi]!, position[vj]!];
    if (mine) c[pi * n + pi]! += diagonal;
    if (theirs) c[pj * n + pj]! += diagonal;
    if (mine && theirs) {
      c[pi * n + pj]! -= weight;
      c[pj * n + pi]! -= weight;
    }
    for (let x = direction.start[k]!; x < direction.start[k + 1]!; x++) {
      const entry = direction.sign[x]! * weight;
      if (mine) b[pi * q + direction.index[x]!]! += entry;
      if (theirs) b[pj * q + direction.index[x]!]! -= entry;
    }
  }
  cholesky(c, n);
  // share −= Bᵀ C⁻¹ B, column by column of C⁻¹ B.
  const column = new Float64Array(n);
  for (let x = 0; x < q; x++) {
    for (let i = 0; i < n; i++) column[i] = b[i * q + x]!;
    choleskySolve(c, n, column);
    for (let i = 0; i < n; i++) {
      if (column[i] === 0) continue;
      for (let z = 0; z < q; z++) share[z * q + x]! -= b[i * q + z]! * column[i]!;
    }
  }
  return { members, c, b, share };
}

/** Per cell (CSR): its duel's direction among the effects, +1 on what its first side has and its second lacks (models included), −1 the reverse. */
interface Directions {
  start: Int32Array;
  index: Int32Array;
  sign: Float64Array;
}

function duelDirections(problem: PairProblem): Directions {
  const { cells, contestantVariant, contestantModel, differences, design } = problem;
  const start = new Int32Array(cells.first.length + 1);
  // At most two models per duel besides the columns it differs in.
  const index = new Int32Array(differences.cols.length + 2 * cells.first.length);
  const sign = new Float64Array(index.length);
  let at = 0;
  for (let k = 0; k < cells.first.length; k++) {
    const mi = contestantModel[cells.first[k]!]!;
    const mj = contestantModel[cells.second[k]!]!;
    if (mi !== mj && mi >= 0) {
      index[at] = mi;
      sign[at++] = 1;
    }
    if (mi !== mj && mj >= 0) {
      index[at] = mj;
      sign[at++] = -1;
    }
    const vi = contestantVariant[cells.first[k]!]!;
    for (let x = differences.start[k]!; x < differences.start[k + 1]!; x++) {
      index[at] = differences.cols[x]!;
      sign[at++] = hasColumn(design.cols, design.start[vi]!, design.start[vi + 1]!, differences.cols[x]!) ? 1 : -1;
    }
    start[k + 1] = at;
  }
  return { start, index: index.subarray(0, at), sign: sign.subarray(0, at) };
}

/** m += weight · d dᵀ for cell k's direction d. */
function addOuter(m: Float64Array, q: number, { start, index, sign }: Directions, k: number, weight: number): void {
  for (let x = start[k]!; x < start[k + 1]!; x++) {
    for (let y = start[k]!; y < start[k + 1]!; y++) m[index[x]! * q + index[y]!]! += weight * sign[x]! * sign[y]!;
  }
}

/** Items 0 … n − 1 grouped under their key, and under their second key when it is not −1, as ascending Int32Arrays: a counting sort. */
function groupBy(keys: Int32Array, secondKeys: Int32Array | null): Map<number, Int32Array> {
  const groups = 1 + keys.reduce((a, b) => Math.max(a, b), -1);
  const start = new Int32Array(groups + 1);
  for (let item = 0; item < keys.length; item++) {
    start[keys[item]! + 1]!++;
    if (secondKeys && secondKeys[item]! >= 0) start[secondKeys[item]! + 1]!++;
  }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const items = new Int32Array(start[groups]!);
  const cursor = start.slice(0, groups);
  for (let item = 0; item < keys.length; item++) {
    items[cursor[keys[item]!]!++] = item;
    if (secondKeys && secondKeys[item]! >= 0) items[cursor[secondKeys[item]!]!++] = item;
  }
  const out = new Map<number, Int32Array>();
  for (let g = 0; g < groups; g++) if (start[g + 1]! > start[g]!) out.set(g, items.subarray(start[g]!, start[g + 1]!));
  return out;
}

/** Whether a variant's ascending column list cols[from … to) holds `col`. */
function hasColumn(cols: Int32Array, from: number, to: number, col: number): boolean {
  let [lo, hi] = [from, to];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cols[mid]! < col) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && cols[lo] === col;
}
