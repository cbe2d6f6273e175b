import { wilson, type Proportion } from "./wilson.js";
import type { VoteTally } from "./voteStore.js";

export interface RankedVariant extends Proportion {
  rank: number;
  variantId: string;
  model: string;
  up: number;
  down: number;
  /** Fewer votes than the minimum: shown, but ranked after every settled row. */
  provisional: boolean;
}

/**
 * Ranks tallies by the lower bound of their 95% Wilson interval, so a variant with 3
 * votes does not outrank one with 300. Provisional rows come after the others, ranked the
 * same way among themselves.
 */
export function rankByApproval(tallies: readonly VoteTally[], minVotes: number): RankedVariant[] {
  return tallies
    .filter((t) => t.up + t.down > 0)
    .map((t) => ({ ...wilson(t.up, t.up + t.down), variantId: t.variantId, model: t.model, up: t.up, down: t.down, provisional: t.up + t.down < minVotes, rank: 0 }))
    .sort((a, b) => Number(a.provisional) - Number(b.provisional) || b.lower - a.lower || b.n - a.n || (a.variantId < b.variantId ? -1 : 1))
    .map((row, i) => ({ ...row, rank: i + 1 }));
}
