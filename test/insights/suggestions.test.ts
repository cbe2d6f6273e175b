import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInsights } from "../../src/insights/analyze.js";
import { syntheticCommunity, type Synthetic } from "../../src/insights/synthetic.js";
import type { InsightReport } from "../../src/insights/types.js";

describe("suggested forks", () => {
  let community: Synthetic;
  let report: InsightReport;
  const rare = new Set<string>();
  beforeAll(() => {
    community = syntheticCommunity({ seed: 5, variants: 400, familySize: 10, battles: 40_000, votes: 40_000 });
    // Two variants get a warmth nobody else uses: too little data for numbers.
    for (const v of community.data.variants.slice(0, 2)) rare.add(v.id);
    const variants = community.data.variants.map((v) => (rare.has(v.id) ? { ...v, features: { ...v.features, dials: { ...v.features.dials, warmth: 0.35 } } } : v));
    report = analyzeInsights({ ...community.data, variants }, { seed: 2, bootstrap: 200, suggestions: 4 });
  });

  it("suggests first the level with no estimate yet, forked from a well-measured variant that lacks it", () => {
    const [first] = report.suggestions;
    expect(first).toMatchObject({ feature: "dial:warmth", level: "0.35", more: 50, currentWidth: null });
    expect(rare.has(first!.base.id)).toBe(false);
    const base = community.data.variants.find((v) => v.id === first!.base.id)!;
    expect(first!.sentence).toBe(
      `Fork ${base.name}@${base.version} with warmth 0.35; about 50 duels between it and ${base.name}@${base.version} would give a first estimate (now: only 2 variants with data have it).`,
    );
    // The best-measured variant: no variant without the level fought more duels.
    const duels = new Map<string, number>();
    for (const b of community.data.battles) for (const side of [b.a, b.b]) duels.set(side.variant, (duels.get(side.variant) ?? 0) + 1);
    const most = Math.max(...[...duels].filter(([id]) => !rare.has(id)).map(([, n]) => n));
    expect(duels.get(base.id)).toBe(most);
  });

  it("then the widest intervals, with the data that would halve them", () => {
    const rest = report.suggestions.slice(1);
    expect(rest).toHaveLength(3);
    expect(new Set(report.suggestions.map((s) => `${s.feature}=${s.level}`)).size).toBe(4);
    for (const s of rest) {
      const fit = report.fits.find((f) => f.outcome === s.outcome)!;
      const effect = fit.effects.find((e) => e.feature === s.feature && e.to === s.level)!;
      expect(effect.status).toBe("estimated");
      if (effect.status !== "estimated") continue;
      expect(s.currentWidth).toBeCloseTo(effect.upper - effect.lower, 10);
      // Width ∝ 1/√n: halving it takes four times the information, three times the current evidence more.
      expect(s.more).toBe(Math.max(s.outcome === "duels" ? 50 : s.outcome === "votes" ? 200 : 2, Math.ceil(3 * effect.evidence)));
      expect(s.sentence).toContain(`about ${s.more.toLocaleString("en")} `);
      expect(s.sentence).toContain(`would halve this interval (now ±${Math.round(s.currentWidth! / 2)} `);
    }
  });

  it("never suggests separating levels that always move together, such as a section title and its block", () => {
    expect(report.suggestions.some((s) => s.feature.startsWith("section:Values"))).toBe(false);
  });
});
