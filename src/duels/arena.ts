/** What the arena knows of a contestant before choosing a pair. */
export interface ArenaEntry {
  key: string;
  /** Current rating (Elo scale), if it has been rated. */
  rating?: number;
}

/** Elo-scale win probability of a over b. */
const winProbability = (a: number, b: number) => 1 / (1 + 10 ** ((b - a) / 400));

/**
 * How much a battle between a and b would teach: highest when their ratings are close
 * (the outcome is a coin toss) and they have met rarely. Unrated contestants count as
 * average, so newcomers are paired early.
 */
export function pairUncertainty(a: ArenaEntry, b: ArenaEntry, battlesBetween: number): number {
  const p = winProbability(a.rating ?? 1000, b.rating ?? 1000);
  return (4 * p * (1 - p)) / Math.sqrt(1 + battlesBetween);
}

/**
 * Picks the arena's next pair: at random, weighted by the square of the pair's
 * uncertainty, so the most informative pairs come up most often without the same pair
 * coming up every time. `boost` multiplies a pair's weight (the experiments insights suggest).
 */
export function chooseArenaPair(
  entries: readonly ArenaEntry[],
  battlesBetween: (a: string, b: string) => number,
  random: () => number = Math.random,
  boost: (a: string, b: string) => number = () => 1,
): [ArenaEntry, ArenaEntry] {
  if (entries.length < 2) throw new RangeError("the arena needs at least two contestants");
  const pairs: { a: ArenaEntry; b: ArenaEntry; weight: number }[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i]!;
      const b = entries[j]!;
      pairs.push({ a, b, weight: pairUncertainty(a, b, battlesBetween(a.key, b.key)) ** 2 * boost(a.key, b.key) });
    }
  }
  const total = pairs.reduce((sum, p) => sum + p.weight, 0);
  let r = random() * total;
  const chosen = pairs.find((p) => (r -= p.weight) < 0) ?? pairs[pairs.length - 1]!;
  // Which one is named first does not matter for the duel (A and B are drawn per battle), but keep it fair.
  return random() < 0.5 ? [chosen.a, chosen.b] : [chosen.b, chosen.a];
}
