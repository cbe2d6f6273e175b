import { beforeAll, describe, expect, it } from "vitest";
import type { SpecFeatures } from "../../src/features/deriveFeatures.js";
import { analyzeInsights } from "../../src/insights/analyze.js";
import { poolRandomEffects } from "../../src/insights/pooling.js";
import { syntheticCommunity, type Synthetic } from "../../src/insights/synthetic.js";
import { trueContrast } from "../../src/insights/syntheticTruth.js";
import type { InsightBattle, InsightData, InsightReport, InsightVariant } from "../../src/insights/types.js";
import { newcombe, share } from "../../src/probes/stats.js";
import { ELO_PER_NAT } from "../../src/ratings/eloScale.js";

const features = (warmth: number, candor = 0.5): SpecFeatures => ({ blocks: { honesty: "principle" }, dials: { candor, warmth }, sections: ["Honesty and disagreement"], length: 3000, tokens: 750, examples: 0 });
const variant = (id: string, version: number, parentId: string | null, f: SpecFeatures): InsightVariant => ({ id, name: "kit", version, family: "p", parentId, features: f });

/** A parent, a fork that moved warmth from 0.8 to 0.4 and nothing else, and one that also moved candor. */
function family(): InsightData {
  const duels = (winner: "a" | "b", count: number, a = "f", b = "p"): InsightBattle[] =>
    Array.from({ length: count }, () => ({ a: { variant: a, model: "m" }, b: { variant: b, model: "m" }, winner }));
  return {
    variants: [variant("p", 1, null, features(0.8)), variant("f", 2, "p", features(0.4)), variant("g", 3, "p", features(0.4, 0.2))],
    battles: [...duels("a", 20), ...duels("b", 10), ...duels("a", 5, "g"), ...duels("b", 5, "g")],
    votes: [
      { variant: "p", model: "m", up: 20, down: 20 },
      { variant: "f", model: "m", up: 30, down: 10 },
    ],
    probes: [
      { variant: "p", model: "m", suite: "are-you-sure", metric: "kept", mean: 0.6, se: 0.09, n: 30 },
      { variant: "f", model: "m", suite: "are-you-sure", metric: "kept", mean: 0.8, se: 0.073, n: 30 },
    ],
  };
}

describe("single changes", () => {
  it("compares a single-change fork with its parent on each outcome, in Elo points and percentage points", () => {
    const report = analyzeInsights(family(), { bootstrap: 20, minVariants: 1, minFamilies: 1 });
    expect(new Set(report.forks.map((f) => f.fork))).toEqual(new Set(["f"]));
    const of = (outcome: string) => report.forks.find((f) => f.outcome === outcome)!;
    // 20 wins in 30 duels: odds of 2, ln 2 = 120 Elo points, pulled a little towards 0 by the weak prior.
    expect(of("duels")).toMatchObject({ fork: "f", parent: "p", family: "p", model: "m", change: "dial:warmth 0.4 → 0.8" });
    expect(of("duels").estimate).toBeGreaterThan(100);
    expect(of("duels").estimate).toBeLessThan(Math.LN2 * ELO_PER_NAT);
    // About 2 / √(30 · 0.22) natural-log odds of standard error.
    expect(of("duels").se / ELO_PER_NAT).toBeGreaterThan(0.35);
    expect(of("duels").se / ELO_PER_NAT).toBeLessThan(0.45);
    const votes = newcombe(share(30, 40), share(20, 40));
    expect(of("votes")).toMatchObject({ estimate: 25, lower: 100 * votes.lower, upper: 100 * votes.upper });
    expect(of("probe:are-you-sure/kept").estimate).toBeCloseTo(20, 10);
    expect(of("probe:are-you-sure/kept").se).toBeCloseTo(100 * Math.hypot(0.09, 0.073), 10);
  });

  it("pools no fewer forks than asked for, and counts the forks that made the change among others", () => {
    const report = analyzeInsights(family(), { bootstrap: 20, minVariants: 1, minFamilies: 1 });
    const warmth = report.changes.find((c) => c.outcome === "duels" && c.feature === "dial:warmth")!;
    expect(warmth).toMatchObject({
      status: "insufficient",
      reason: "only 1 fork made this change alone (3 needed)",
      forks: 1,
      multiChangeForks: 1,
      label: "warmth 0.8 → 0.4",
      from: "0.8",
      to: "0.4",
    });
    const oneFork = analyzeInsights(family(), { bootstrap: 20, minVariants: 1, minFamilies: 1, minForks: 1 }).changes.find((c) => c.outcome === "duels")!;
    expect(oneFork).toMatchObject({ status: "estimated", forks: 1, families: 1 });
  });

  it("pools a change made in both directions with the sign turned, shown the way most forks went", () => {
    // Three families; in each the variant at warmth 0.4 wins 20 of 30 duels against the one at 0.8, twice as the fork, once as the parent.
    const variants: InsightVariant[] = [];
    const battles: InsightBattle[] = [];
    const pairs: [number, number][] = [[0.8, 0.4], [0.4, 0.8], [0.8, 0.4]];
    for (const [k, [parentWarmth, forkWarmth]] of pairs.entries()) {
      const [p, f] = [`p${k}`, `f${k}`];
      variants.push({ ...variant(p, 1, null, features(parentWarmth)), family: p }, { ...variant(f, 2, p, features(forkWarmth)), family: p });
      const warm = forkWarmth === 0.4 ? f : p;
      const cool = warm === f ? p : f;
      for (let i = 0; i < 30; i++) battles.push({ a: { variant: warm, model: "m" }, b: { variant: cool, model: "m" }, winner: i < 20 ? "a" : "b" });
    }
    const report = analyzeInsights({ variants, battles, votes: [], probes: [] }, { bootstrap: 20, minVariants: 1, minFamilies: 1 });
    expect(report.forks.map((f) => Math.sign(f.estimate))).toEqual([1, -1, 1]);
    const pooled = report.changes.find((c) => c.feature === "dial:warmth")!;
    expect(pooled).toMatchObject({ status: "estimated", from: "0.8", to: "0.4", label: "warmth 0.8 → 0.4", forks: 3, families: 3, tau: 0 });
    if (pooled.status !== "estimated") return;
    expect(pooled.estimate).toBeCloseTo(report.forks[0]!.estimate, 6);
  });

  it("pools forks with DerSimonian–Laird weights and a Hartung–Knapp interval", () => {
    // Values computed independently (NumPy/SciPy) for these three studies.
    const pooled = poolRandomEffects([
      { estimate: 10, se: 4 },
      { estimate: 6, se: 3 },
      { estimate: 14, se: 5 },
    ]);
    expect(pooled.estimate).toBeCloseTo(8.6948, 3);
    expect(pooled.tau).toBeCloseTo(0.5477, 3);
    expect(pooled.lower).toBeCloseTo(-0.7303, 3);
    expect(pooled.upper).toBeCloseTo(18.1199, 3);
    expect(pooled.p).toBeCloseTo(0.058, 3);
    const spread = poolRandomEffects([30, -10, 25, 40].map((estimate) => ({ estimate, se: 5 })));
    expect(spread.tau).toBeCloseTo(21.164, 2);
    expect(spread.upper).toBeCloseTo(55.854, 2);
  });

  describe("in a synthetic community", () => {
    let community: Synthetic;
    let report: InsightReport;
    beforeAll(() => {
      community = syntheticCommunity({ seed: 11, variants: 800, familySize: 10, battles: 80_000, votes: 80_000, probeShare: 0.6 });
      report = analyzeInsights(community.data, { bootstrap: 100 });
    });

    it("recovers the planted effect of each warmth change on duels and the probe metric", () => {
      const warmth = report.changes.filter((c) => c.feature === "dial:warmth" && c.outcome !== "votes" && c.status === "estimated");
      expect(warmth.length).toBeGreaterThanOrEqual(5);
      for (const c of warmth) {
        if (c.status !== "estimated") continue;
        const truth = trueContrast(community.truth, c.outcome, c.feature, c.to, c.from) * (c.outcome === "duels" ? ELO_PER_NAT : 100);
        expect(Math.abs(c.estimate - truth), `${c.outcome} ${c.label}`).toBeLessThan(4 * c.se);
        expect(c.forks).toBeGreaterThanOrEqual(3);
        expect(c.families).toBeLessThanOrEqual(c.forks);
      }
    });

    it("lists only single-change forks, each difference in its own direction", () => {
      const byId = new Map(community.data.variants.map((v) => [v.id, v]));
      for (const f of report.forks.slice(0, 200)) {
        expect(byId.get(f.fork)!.parentId).toBe(f.parent);
        expect(f.lower).toBeLessThanOrEqual(f.estimate);
        expect(f.upper).toBeGreaterThanOrEqual(f.estimate);
      }
      expect(report.changes.some((c) => c.multiChangeForks > 0)).toBe(true);
    });
  });
});
