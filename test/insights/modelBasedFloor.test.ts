import { describe, expect, it } from "vitest";
import { analyzeInsights } from "../../src/insights/analyze.js";
import { atLeastModelBased } from "../../src/insights/scoreBootstrap.js";
import type { FeatureEffect, InsightBattle, InsightData, InsightProbe, InsightReport, InsightVariant, InsightVotes } from "../../src/insights/types.js";
import { ELO_PER_NAT } from "../../src/ratings/eloScale.js";

const FEATURES = { sections: ["Identity", "Temperament"], length: 1000, tokens: 250, examples: 0 };
const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Six families that agree exactly: in each, a root at warmth 0.7 and its fork at 0.3, the
 * root voted up 32 times of 40 and the fork 18 of 40 (and, with `more`, winning 28 of 40
 * duels against it and keeping 80% against 50% of 30 probe items). Between families there
 * is nothing to resample, yet every family's data carry their sampling noise.
 */
function identicalFamilies(more: boolean): InsightData {
  const variants: InsightVariant[] = [];
  const votes: InsightVotes[] = [];
  const battles: InsightBattle[] = [];
  const probes: InsightProbe[] = [];
  for (let f = 0; f < 6; f++) {
    const blocks = { honesty: "abcdef"[f]! };
    variants.push({ id: `r${f}`, name: `s${f}`, version: 1, family: `s${f}`, parentId: null, features: { ...FEATURES, blocks, dials: { warmth: 0.7, candor: 0.6 } } });
    variants.push({ id: `c${f}`, name: `s${f}-cool`, version: 1, family: `s${f}`, parentId: `r${f}`, features: { ...FEATURES, blocks, dials: { warmth: 0.3, candor: 0.6 } } });
    votes.push({ variant: `r${f}`, model: "m", up: 32, down: 8 }, { variant: `c${f}`, model: "m", up: 18, down: 22 });
    if (!more) continue;
    for (let k = 0; k < 40; k++) battles.push({ a: { variant: `r${f}`, model: "m" }, b: { variant: `c${f}`, model: "m" }, winner: k < 28 ? "a" : "b" });
    const probe = (variant: string, mean: number): InsightProbe => ({ variant, model: "m", suite: "s", metric: "kept", mean, se: Math.sqrt((mean * (1 - mean)) / 30), n: 30 });
    probes.push(probe(`r${f}`, 0.8), probe(`c${f}`, 0.5));
  }
  return { variants, battles, votes, probes };
}

function warmth(report: InsightReport, outcome: string): Extract<FeatureEffect, { status: "estimated" }> {
  const effect = report.fits.find((f) => f.outcome === outcome)!.effects.find((e) => e.feature === "dial:warmth")!;
  if (effect.status !== "estimated") throw new Error(`${outcome}: warmth not estimated`);
  return effect;
}

describe("intervals of the model of all variants are never narrower than the model-based ones", () => {
  it("gives families that agree exactly the interval their votes allow, not a point", () => {
    const report = analyzeInsights(identicalFamilies(false), { seed: 1, bootstrap: 200 });
    const effect = warmth(report, "votes");
    // By hand: the log-odds difference 80% against 45%, its binomial variance pooled over six families, shown at the overall approval of 62.5%.
    const x = logit(0.8) - logit(0.45);
    const se = Math.sqrt((1 / (40 * 0.8 * 0.2) + 1 / (40 * 0.45 * 0.55)) / 6);
    const shown = (at: number) => 100 * (sigmoid(logit(0.625) + at) - 0.625);
    expect(effect.estimate).toBeCloseTo(shown(x), 1);
    expect(effect.lower).toBeCloseTo(shown(x - 1.96 * se), 1);
    expect(effect.upper).toBeCloseTo(shown(x + 1.96 * se), 1);
    // About 22–30 points around 26.6: wide enough for the votes' noise, and well clear of 0.
    expect(effect.upper - effect.lower).toBeGreaterThan(6);
    expect(effect.lower).toBeGreaterThan(15);
    expect(effect.se).toBeGreaterThan(1);
    expect(effect.se).toBeCloseTo(100 * 0.625 * 0.375 * se, 1);
    expect(effect.p).toBeLessThan(1e-6);
    const finding = report.findings.find((f) => f.source === "model of all variants" && f.feature === "dial:warmth")!;
    expect(finding).toMatchObject({ status: "finding", flagged: true });
    expect(finding.sentence).toContain("95% CI 22–30");
  });

  it("does the same for duels and probe scores", () => {
    const report = analyzeInsights(identicalFamilies(true), { seed: 1, bootstrap: 200 });
    // Duels: 28 wins of 40 per family, Bradley–Terry's variance 1 / (n p (1 − p)) pooled over six families, in Elo points.
    const duels = warmth(report, "duels");
    const duelSe = ELO_PER_NAT * Math.sqrt(1 / (40 * 0.7 * 0.3) / 6);
    expect(duels.estimate).toBeCloseTo(ELO_PER_NAT * logit(0.7), 0);
    expect(duels.se / duelSe).toBeGreaterThan(0.95);
    expect(duels.se / duelSe).toBeLessThan(1.05);
    expect(duels.lower).toBeCloseTo(duels.estimate - 1.96 * duels.se, 2);
    expect(duels.upper).toBeCloseTo(duels.estimate + 1.96 * duels.se, 2);
    expect(duels.lower).toBeGreaterThan(0);
    // Probes: 80% against 50% of 30 items, each result weighted by its items over the pooled per-item variance (0.16 + 0.25) / 2.
    const probe = warmth(report, "probe:s/kept");
    const probeSe = 100 * Math.sqrt((2 * ((0.16 + 0.25) / 2)) / 30 / 6);
    expect(probe.estimate).toBeCloseTo(30, 1);
    expect(probe.se).toBeCloseTo(probeSe, 1);
    expect(probe.lower).toBeCloseTo(30 - 1.96 * probeSe, 1);
    expect(probe.upper).toBeCloseTo(30 + 1.96 * probeSe, 1);
    expect(probe.lower).toBeGreaterThan(0);
  });

  it("widens each end of a bootstrap interval to the model-based one where it is narrower, and only there", () => {
    const point = Float64Array.of(1, 1, 1, 1);
    const bootstrap = { lower: Float64Array.of(0.5, 0.9, 0.95, 0.2), upper: Float64Array.of(1.5, 1.6, 1.05, 1.8), se: Float64Array.of(0.25, 0.2, 0.02, 0.4) };
    // Model-based se: below the bootstrap's; below it but above its lower half; above it; none.
    const widened = atLeastModelBased(bootstrap, point, Float64Array.of(0.1 ** 2, 0.15 ** 2, 0.2 ** 2, 0));
    const z = 1.959963984540054;
    expect([...widened.lower]).toEqual([0.5, 1 - z * 0.15, 1 - z * 0.2, 0.2]);
    expect([...widened.upper]).toEqual([1.5, 1.6, 1 + z * 0.2, 1.8]);
    expect([...widened.se]).toEqual([0.25, 0.2, 0.2, 0.4]);
    // The bootstrap's own arrays are left as they were.
    expect([...bootstrap.lower]).toEqual([0.5, 0.9, 0.95, 0.2]);
  });
});
