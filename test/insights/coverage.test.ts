import { describe, expect, it } from "vitest";
import { analyzeInsights } from "../../src/insights/analyze.js";
import { syntheticCommunity } from "../../src/insights/synthetic.js";
import { trueContrast } from "../../src/insights/syntheticTruth.js";
import { ELO_PER_NAT } from "../../src/ratings/eloScale.js";
import { overallApproval, trueReportEffect } from "./helpers.js";

/**
 * Repeated simulations of small communities (15 families of about 8 variants), each with
 * its own seed: how often do the 95% intervals contain the true effects?
 *
 * The band, 88–99%: each rate pools about 1,000 interval checks, whose binomial noise
 * alone is ±1.4 points at 95% (two standard errors; checks within one simulation share
 * data, so somewhat more). Beyond that the methods are known to lean: the family
 * bootstrap with jackknife influences and the Hartung–Knapp pooling err wide (measured
 * 95–98%), a bootstrap with few families errs narrow. A rate under 88% means intervals
 * that claim too much; over 99%, intervals so wide they waste the data.
 */
describe("coverage of the 95% intervals over repeated synthetic communities", () => {
  it("contains the true effects about 95% of the time, for every outcome and for pooled single changes", () => {
    const hits = new Map<string, { inside: number; total: number }>();
    const count = (key: string, inside: boolean) => {
      const tally = hits.get(key) ?? hits.set(key, { inside: 0, total: 0 }).get(key)!;
      tally.inside += inside ? 1 : 0;
      tally.total++;
    };
    for (let seed = 1; seed <= 70; seed++) {
      const { data, truth } = syntheticCommunity({ seed, variants: 120, familySize: 8, battles: 6_000, votes: 6_000, probeShare: 0.5 });
      const report = analyzeInsights(data, { seed, bootstrap: 200 });
      const approval = overallApproval(data);
      for (const fit of report.fits) {
        for (const e of fit.effects) {
          if (e.status !== "estimated") continue;
          const t = trueReportEffect(truth, fit.outcome, e.feature, e.to, e.from, approval);
          count(`model of all variants: ${fit.outcome}`, e.lower <= t && t <= e.upper);
        }
      }
      // Single changes on duels: Elo differences are exactly the model's; vote approval in points depends on each fork's own level.
      for (const c of report.changes) {
        if (c.status !== "estimated" || c.outcome !== "duels") continue;
        const t = trueContrast(truth, "duels", c.feature, c.to, c.from) * ELO_PER_NAT;
        count("single changes: duels", c.lower <= t && t <= c.upper);
      }
    }
    expect([...hits.keys()].sort()).toEqual([
      "model of all variants: duels",
      "model of all variants: probe:are-you-sure/kept",
      "model of all variants: votes",
      "single changes: duels",
    ]);
    for (const [key, { inside, total }] of hits) {
      expect(total, key).toBeGreaterThan(300);
      expect(inside / total, `${key}: ${inside} of ${total}`).toBeGreaterThanOrEqual(0.88);
      expect(inside / total, `${key}: ${inside} of ${total}`).toBeLessThanOrEqual(0.99);
    }
  });
});
