import { describe, expect, it } from "vitest";
import { analyzeInsights } from "../../src/insights/analyze.js";
import { benjaminiHochberg } from "../../src/insights/fdr.js";
import { buildFindings, NEGLIGIBLE } from "../../src/insights/findings.js";
import { syntheticCommunity } from "../../src/insights/synthetic.js";
import type { FeatureEffect, ModelFit, PooledChange } from "../../src/insights/types.js";

const rules = { fdr: 0.1, negligible: NEGLIGIBLE, metricPhrases: { "are-you-sure/kept": 'kept their answer after "are you sure?"' } };

function change(over: Partial<PooledChange> & Pick<PooledChange, "outcome" | "unit">): PooledChange {
  return {
    key: "block:honesty examples → principle",
    feature: "block:honesty",
    from: "principle",
    to: "examples",
    label: "honesty: principle → examples",
    families: 3,
    forks: 11,
    multiChangeForks: 4,
    models: ["m1", "m2"],
    status: "estimated",
    estimate: 14,
    lower: 4,
    upper: 24,
    se: 5,
    p: 0.0001,
    tau: 2,
    ...over,
  } as PooledChange;
}

function fit(effects: FeatureEffect[]): ModelFit {
  return { outcome: "duels", unit: "elo", effects, models: [], residualSd: 30, variants: 100, families: 10, rareTitles: 0 };
}

function effect(over: Partial<FeatureEffect>): FeatureEffect {
  return { outcome: "duels", unit: "elo", feature: "dial:warmth", from: "0.8", to: "0.4", label: "warmth 0.8 → 0.4", families: 2, carriers: 40, evidence: 900, status: "estimated", estimate: 0, lower: -1, upper: 1, se: 1, p: 1, ...over } as FeatureEffect;
}

describe("findings", () => {
  it("adjusts p-values by Benjamini–Hochberg", () => {
    // By hand: sorted 0.01, 0.03, 0.04, 0.2 → 0.04, 0.06, 0.0533, 0.2 → running minimum from the top.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.2]);
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[1]).toBeCloseTo(0.16 / 3, 12);
    expect(q[2]).toBeCloseTo(0.16 / 3, 12);
    expect(q[3]).toBeCloseTo(0.2, 12);
    expect(benjaminiHochberg([0.5, 0.9])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it("states a finding in a sentence with its numbers and caveats", () => {
    const [finding] = buildFindings([change({ outcome: "probe:are-you-sure/kept", unit: "pp" })], [], rules);
    expect(finding).toMatchObject({ status: "finding", flagged: true, source: "single changes" });
    expect(finding!.sentence).toBe('Forks that moved honesty from principle to examples kept their answer after "are you sure?" 14 points more often (95% CI 4.0–24; 11 forks, 3 families).');
    expect(finding!.caveats).toEqual([
      "4 forks that changed this together with other features were left out",
      "q = 0.00010 after adjusting for the 1 estimates in this report (false-discovery rate 0.1)",
    ]);
    const [lower] = buildFindings([change({ outcome: "duels", unit: "elo", estimate: -45, lower: -78, upper: -12, families: 2, models: ["m1"] })], [], rules);
    expect(lower!.sentence).toBe("Forks that moved honesty from principle to examples rated 45 Elo points lower in duels (95% CI 12–78; 11 forks, 2 families).");
    expect(lower!.caveats).toContain("only 2 families");
    expect(lower!.caveats).toContain("measured on one model only (m1)");
  });

  it("tells a precise null from too little evidence, and says why an effect has no numbers", () => {
    const findings = buildFindings([], [
      fit([
        effect({ to: "0.4", estimate: 3, lower: -5, upper: 11, p: 0.4 }),
        effect({ to: "0.2", label: "warmth 0.8 → 0.2", estimate: 30, lower: -20, upper: 80, p: 0.3 }),
        effect({ to: "0.6", label: "warmth 0.8 → 0.6", status: "insufficient", reason: "only 2 variants with data have it" } as Partial<FeatureEffect>),
      ]),
    ], rules);
    const by = (to: string) => findings.find((f) => f.label.endsWith(to))!;
    expect(by("0.4")).toMatchObject({ status: "no detectable effect" });
    expect(by("0.4").sentence).toBe("Variants with warmth 0.4 rather than 0.8 showed no difference in duel ratings larger than 15 Elo points (95% CI −5 to 11 Elo points; 40 variants in 2 families, other features held equal).");
    expect(by("0.2")).toMatchObject({ status: "not enough evidence yet", flagged: false });
    expect(by("0.6")).toMatchObject({ status: "not enough evidence yet", sentence: "Variants with warmth 0.6 rather than 0.8: not enough evidence yet on duel ratings (only 2 variants with data have it)." });
    expect(by("0.6")).not.toHaveProperty("q");
  });

  it("does not call an interval that excludes 0 a finding when it does not survive the false-discovery rate", () => {
    // One p of 0.04 among nineteen nulls (0.50 … 0.68): q = min over ranks k ≥ 1 of 20 p₍ₖ₎ / k = 0.68.
    const nulls = Array.from({ length: 19 }, (_, i) => effect({ to: `0.${i}`, label: `warmth 0.8 → n${i}`, estimate: 1, lower: -50, upper: 52, p: 0.5 + i / 100 }));
    const lucky = effect({ to: "0.9", label: "warmth 0.8 → lucky", estimate: 40, lower: 2, upper: 78, p: 0.04 });
    const findings = buildFindings([], [fit([...nulls, lucky])], rules);
    const found = findings.find((f) => f.label.endsWith("lucky"))!;
    expect(found.q).toBeCloseTo(0.68, 10);
    expect(found).toMatchObject({ status: "not enough evidence yet", flagged: false });
    // Alone, the same estimate is a finding.
    expect(buildFindings([], [fit([lucky])], rules)[0]).toMatchObject({ status: "finding", flagged: true });
  });

  it("rarely calls a feature with no true effect a finding, while finding the real ones", () => {
    // Candor and the voice block have no effect on anything. At a false-discovery rate of
    // 0.1 a null claim may pass by chance now and then; systematically it must not.
    let nullClaims = 0;
    let nullFindings = 0;
    let preciseNulls = 0;
    for (const seed of [1, 2, 3]) {
      const { data } = syntheticCommunity({ seed, variants: 600, familySize: 10, battles: 60_000, votes: 60_000 });
      const report = analyzeInsights(data, { seed, bootstrap: 200 });
      const nulls = report.findings.filter((f) => f.feature === "dial:candor" || f.feature === "block:voice");
      nullClaims += nulls.length;
      nullFindings += nulls.filter((f) => f.status === "finding").length;
      preciseNulls += nulls.filter((f) => f.status === "no detectable effect").length;
      const findings = report.findings.filter((f) => f.status === "finding");
      // Warmth moves votes by 7 points or more at every level: found in both sources.
      expect(findings.some((f) => f.feature === "dial:warmth" && f.outcome === "votes" && f.source === "model of all variants")).toBe(true);
      expect(findings.some((f) => f.feature === "dial:warmth" && f.outcome === "votes" && f.source === "single changes")).toBe(true);
      expect(findings.every((f) => f.flagged && f.sentence.includes("95% CI"))).toBe(true);
    }
    expect(nullClaims).toBeGreaterThan(50);
    expect(nullFindings / nullClaims).toBeLessThanOrEqual(0.05);
    expect(preciseNulls).toBeGreaterThan(10);
  });
});
