import { ELO_PER_NAT } from "../ratings/eloScale.js";
import { CONFIDENCE, newcombe, share } from "../probes/stats.js";
import { studentTQuantile } from "../probes/studentT.js";
import { Z95 } from "../votes/wilson.js";
import type { StrengthDifference } from "./blockRatings.js";
import type { IndexedData } from "./indexData.js";
import { twoSidedP } from "./pValue.js";
import type { Interval, OutcomeKey } from "./types.js";

/** Child − parent on one outcome and model, in the outcome's unit. */
export interface ModelDifference extends Interval {
  outcome: OutcomeKey;
  model: number;
}

/**
 * Every outcome on which a fork and its parent can be compared on the same model:
 *
 * - Duels: the difference of their ratings within the family on that model
 *   (`blockRatings`), in Elo points, with a Wald interval from the observed information.
 * - Vote approval: Newcombe's interval for the difference of two independent shares
 *   (probes/stats.ts), in percentage points; its standard error, for pooling, is the
 *   interval's half-width over 1.96.
 * - Probe metrics: the difference of the two means with standard error √(se_c² + se_p²) and
 *   Welch–Satterthwaite degrees of freedom from the items behind each, in percentage points.
 */
export function forkDifferences(
  index: IndexedData,
  ratings: (child: number, parent: number, model: number) => StrengthDifference | undefined,
  child: number,
  parent: number,
  lookups: OutcomeLookups,
): ModelDifference[] {
  const out: ModelDifference[] = [];
  index.models.forEach((_, m) => {
    const duel = ratings(child, parent, m);
    if (duel) out.push({ outcome: "duels", model: m, ...wald(duel.estimate * ELO_PER_NAT, duel.se * ELO_PER_NAT) });
    const [a, b] = [lookups.votes.get(child * index.models.length + m), lookups.votes.get(parent * index.models.length + m)];
    if (a && b) {
      const d = newcombe(share(a.up, a.up + a.down), share(b.up, b.up + b.down));
      const se = (100 * (d.upper - d.lower)) / (2 * Z95);
      out.push({ outcome: "votes", model: m, estimate: 100 * d.value, lower: 100 * d.lower, upper: 100 * d.upper, se, p: twoSidedP(100 * d.value, se) });
    }
    for (const [key, rows] of lookups.probes) {
      const [x, y] = [rows.get(child * index.models.length + m), rows.get(parent * index.models.length + m)];
      if (x && y) out.push({ outcome: `probe:${key}`, model: m, ...welchDifference(x, y) });
    }
  });
  return out;
}

/** Votes and probe results by variant × models + model, for the comparisons. */
export interface OutcomeLookups {
  votes: Map<number, { up: number; down: number }>;
  probes: Map<string, Map<number, { mean: number; se: number; n: number }>>;
}

/** Indexes votes and probe results by (variant, model). */
export function outcomeLookups(index: IndexedData): OutcomeLookups {
  const models = index.models.length;
  const votes = new Map<number, { up: number; down: number }>();
  index.votes.variant.forEach((v, r) => votes.set(v * models + index.votes.model[r]!, { up: index.votes.up[r]!, down: index.votes.down[r]! }));
  const probes = new Map(
    [...index.probes].map(([key, rows]) => {
      const byContestant = new Map<number, { mean: number; se: number; n: number }>();
      rows.variant.forEach((v, r) => byContestant.set(v * models + rows.model[r]!, { mean: rows.mean[r]!, se: rows.se[r]!, n: rows.n[r]! }));
      return [key, byContestant] as const;
    }),
  );
  return { votes, probes };
}

function wald(estimate: number, se: number): Interval {
  return { estimate, se, lower: estimate - Z95 * se, upper: estimate + Z95 * se, p: twoSidedP(estimate, se) };
}

function welchDifference(a: { mean: number; se: number; n: number }, b: { mean: number; se: number; n: number }): Interval {
  // A share of 0 or 1 has a standard error of 0: floor it at half an item's worth, as the model of all variants does.
  const [va, vb] = [Math.max(a.se, 0.5 / a.n) ** 2, Math.max(b.se, 0.5 / b.n) ** 2];
  const se = 100 * Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / Math.max(1, a.n - 1) + vb ** 2 / Math.max(1, b.n - 1));
  const estimate = 100 * (a.mean - b.mean);
  const half = studentTQuantile(1 - (1 - CONFIDENCE) / 2, df) * se;
  return { estimate, se, lower: estimate - half, upper: estimate + half, p: twoSidedP(estimate, se, df) };
}
