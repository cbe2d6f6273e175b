import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInsights } from "../../src/insights/analyze.js";
import { syntheticCommunity, type Synthetic } from "../../src/insights/synthetic.js";
import type { FeatureEffect, InsightReport, ModelFit } from "../../src/insights/types.js";
import { ELO_PER_NAT } from "../../src/ratings/eloScale.js";
import { overallApproval, trueReportEffect } from "./helpers.js";

const estimated = (fit: ModelFit) => fit.effects.filter((e): e is Extract<FeatureEffect, { status: "estimated" }> => e.status === "estimated");
const fitOf = (report: InsightReport, outcome: string) => report.fits.find((f) => f.outcome === outcome)!;

describe("the model of all variants", () => {
  let community: Synthetic;
  let report: InsightReport;
  beforeAll(() => {
    community = syntheticCommunity({ seed: 7, variants: 800, familySize: 10, battles: 80_000, votes: 80_000 });
    report = analyzeInsights(community.data, { seed: 3, bootstrap: 400 });
  });

  it("recovers every feature's true effect on duels, votes and the probe metric", () => {
    const approval = overallApproval(community.data);
    // Standard errors these sample sizes give: about 8 Elo points, 0.5 and 0.8 percentage points.
    const largestSe = { duels: 15, votes: 1.5, "probe:are-you-sure/kept": 1.5 } as Record<string, number>;
    expect(report.fits.map((f) => f.outcome)).toEqual(["duels", "votes", "probe:are-you-sure/kept"]);
    for (const fit of report.fits) {
      const effects = estimated(fit);
      // Every level of the synthetic features is estimated but the "Values" title, which moves with its block.
      expect(effects).toHaveLength(15);
      let inside = 0;
      for (const e of effects) {
        const truth = trueReportEffect(community.truth, fit.outcome, e.feature, e.to, e.from, approval);
        expect(e.se).toBeLessThan(largestSe[fit.outcome]!);
        expect(Math.abs(e.estimate - truth), `${fit.outcome} ${e.label}: ${e.estimate} vs ${truth}`).toBeLessThan(5 * e.se);
        expect(e.lower).toBeLessThanOrEqual(e.estimate);
        expect(e.upper).toBeGreaterThanOrEqual(e.estimate);
        if (e.lower <= truth && truth <= e.upper) inside++;
      }
      expect(inside).toBeGreaterThanOrEqual(12);
    }
  });

  it("recovers the models' effects against the model with most data", () => {
    const duels = fitOf(report, "duels");
    const index = (name: string) => ["model-a", "model-b", "model-c"].indexOf(name);
    expect(duels.models).toHaveLength(2);
    for (const m of duels.models) {
      const truth = (community.truth.modelEffects.duels[index(m.model)]! - community.truth.modelEffects.duels[index(m.reference)]!) * ELO_PER_NAT;
      expect(Math.abs(m.estimate - truth)).toBeLessThan(25);
    }
  });

  it("estimates the spread of the variants' own residuals", () => {
    // True residual sd: 0.2 natural-log odds = 35 Elo points in duels; 4 points in the probe share.
    expect(fitOf(report, "duels").residualSd).toBeGreaterThan(20);
    expect(fitOf(report, "duels").residualSd).toBeLessThan(50);
    expect(fitOf(report, "probe:are-you-sure/kept").residualSd).toBeGreaterThan(2);
    expect(fitOf(report, "probe:are-you-sure/kept").residualSd).toBeLessThan(6);
  });

  it("labels a level that moves with another as inseparable rather than estimating it", () => {
    const values = fitOf(report, "votes").effects.find((e) => e.feature === "section:Values")!;
    expect(values).toMatchObject({ status: "insufficient", inseparableFrom: expect.stringMatching(/^block:values=/) });
  });

  it("labels an underpowered level as insufficient, with its reason, not as a number", () => {
    // Two variants with votes and duels get a warmth nobody else uses.
    const rare = new Set([...new Set(community.data.votes.map((v) => v.variant))].slice(0, 2));
    const variants = community.data.variants.map((v) => (rare.has(v.id) ? { ...v, features: { ...v.features, dials: { ...v.features.dials, warmth: 0.35 } } } : v));
    const thin = analyzeInsights({ ...community.data, variants }, { bootstrap: 50 });
    for (const fit of thin.fits.filter((f) => f.outcome !== "probe:are-you-sure/kept")) {
      const effect = fit.effects.find((e) => e.feature === "dial:warmth" && e.to === "0.35")!;
      expect(effect).toMatchObject({ status: "insufficient", reason: "only 2 variants with data have it", carriers: 2 });
      expect(effect).not.toHaveProperty("estimate");
    }
    const finding = thin.findings.find((f) => f.source === "model of all variants" && f.outcome === "duels" && f.label.endsWith("→ 0.35"));
    expect(finding).toMatchObject({ status: "not enough evidence yet", flagged: false, sentence: expect.stringContaining("only 2 variants with data have it") });
  });

  it("leaves out of the duel model a level never duelled against its absence", () => {
    // Only battles between different models of the same variant: no duel compares two variants.
    const battles = community.data.battles.filter((b) => b.a.variant === b.b.variant);
    const modelDuels = analyzeInsights({ ...community.data, battles }, { bootstrap: 50, minContrastDuels: 20 });
    const duels = fitOf(modelDuels, "duels");
    expect(estimated(duels)).toHaveLength(0);
    expect(duels.effects.find((e) => e.feature === "dial:warmth")).toMatchObject({ status: "insufficient", reason: "only 0 duels between variants that differ in it" });
    expect(duels.models.length).toBe(2);
  });
});
