/**
 * Benjamini–Hochberg adjusted p-values (q-values): q_(i) = min over j ≥ i of m·p_(j)/j,
 * capped at 1, in the order given. Claims with q ≤ α are a set in which the expected share
 * of false discoveries is at most α (for independent or positively dependent tests, as
 * estimates of overlapping features from the same data are).
 *
 * @example benjaminiHochberg([0.01, 0.04, 0.03, 0.2]) // [0.04, 0.0533, 0.0533, 0.2]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const [p, i] = order[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    q[i] = running;
  }
  return q;
}
