import { describe, expect, it } from "vitest";
import { analyzeInsights } from "../../src/insights/analyze.js";
import { syntheticCommunity } from "../../src/insights/synthetic.js";

const { data } = syntheticCommunity({ seed: 4, variants: 200, familySize: 8, battles: 15_000, votes: 15_000 });

describe("analyzeInsights", () => {
  it("gives the same report for the same data and seed, and other intervals for another seed", () => {
    const once = analyzeInsights(data, { seed: 9, bootstrap: 100 });
    expect(JSON.stringify(analyzeInsights(data, { seed: 9, bootstrap: 100 }))).toBe(JSON.stringify(once));
    const other = analyzeInsights(data, { seed: 10, bootstrap: 100 });
    const estimates = (r: typeof once) => r.fits.flatMap((f) => f.effects.map((e) => (e.status === "estimated" ? e.estimate : null)));
    const lowers = (r: typeof once) => r.fits.flatMap((f) => f.effects.map((e) => (e.status === "estimated" ? e.lower : null)));
    expect(estimates(other)).toEqual(estimates(once));
    expect(lowers(other)).not.toEqual(lowers(once));
  });

  it("reports each stage's time and names report-wide caveats", () => {
    const stages: string[] = [];
    const oneModel = { ...data, battles: data.battles.filter((b) => b.a.model === "model-a" && b.b.model === "model-a"), votes: data.votes.filter((v) => v.model === "model-a"), probes: [] };
    const report = analyzeInsights({ ...oneModel, votes: [...oneModel.votes, { variant: "nobody", model: "model-a", up: 3, down: 1 }] }, { bootstrap: 20, onStage: (stage, seconds) => stage && seconds >= 0 && stages.push(stage) });
    expect(stages).toEqual(["index", "single changes", "model of all variants: duels", "model of all variants: votes", "findings", "suggestions"]);
    expect(report.caveats).toEqual(["Every result is from one model (model-a): effects may differ on others.", "Left out: 1 vote rows naming unknown variants, a contestant against itself, or no data."]);
    expect(report.fits.every((f) => f.models.length === 0)).toBe(true);
    expect(report.findings.filter((f) => f.source === "model of all variants" && f.estimate).every((f) => f.caveats.includes("measured on one model only"))).toBe(true);
  });

  it("handles a community with no duels, votes or probes", () => {
    const report = analyzeInsights({ variants: data.variants, battles: [], votes: [], probes: [] });
    expect(report).toMatchObject({ forks: [], changes: [], fits: [], findings: [], suggestions: [] });
  });

  it("rejects options out of range, naming them", () => {
    expect(() => analyzeInsights(data, { bootstrap: 0 })).toThrow(/bootstrap/);
    expect(() => analyzeInsights(data, { fdr: 1.5 })).toThrow(/fdr/);
    expect(() => analyzeInsights(data, { seed: 0.5 })).toThrow(/seed/);
    expect(() => analyzeInsights(data, { minForks: -1 })).toThrow(/minForks/);
  });
});
