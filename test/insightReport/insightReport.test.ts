import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInThread } from "../../src/insightReport/analyzeInThread.js";
import { experimentBoost, EXPERIMENT_BOOST } from "../../src/insightReport/arenaExperiments.js";
import { forestPlotFor } from "../../src/insightReport/forestPlotFor.js";
import { createInsightSettingsStore } from "../../src/insightReport/insightSettings.js";
import { forksBehind, insightsMessage } from "../../src/insightReport/insightsMessage.js";
import { reportOutcomes } from "../../src/insightReport/outcomes.js";
import { reportMarkdown } from "../../src/insightReport/reportMarkdown.js";
import { reportDigest } from "../../src/insightReport/schedule.js";
import { analyzeInsights } from "../../src/insights/analyze.js";
import { syntheticCommunity } from "../../src/insights/synthetic.js";
import type { InsightData, InsightReport } from "../../src/insights/types.js";
import { openDatabase } from "../../src/store/db.js";

let data: InsightData;
let report: InsightReport;
beforeAll(() => {
  data = syntheticCommunity({ seed: 3, variants: 240, familySize: 8, battles: 6_000, votes: 12_000, models: ["anthropic/claude-sonnet-5-5"] }).data;
  report = analyzeInsights(data, { seed: 1, bootstrap: 100 });
});

const label = (id: string) => `v-${id.slice(0, 6)}`;

describe("insight presentation", () => {
  it("charts one outcome's claims in the report's order, with no numbers for claims without an estimate", () => {
    const plot = forestPlotFor(report, "votes");
    const votes = report.findings.filter((f) => f.outcome === "votes");
    expect(plot.rows.map((r) => r.label)).toEqual(votes.map((f) => f.label));
    expect(plot.unit).toBe("pp");
    for (const [i, row] of plot.rows.entries()) {
      expect(Number.isNaN(row.estimate)).toBe(votes[i]!.estimate === undefined);
      expect(row.pooled).toBe(votes[i]!.source === "single changes");
    }
    expect(forestPlotFor(report, "duels").unit).toBe("elo");
  });

  it("fits Discord's limits and offers forks only for pooled single-change findings", () => {
    for (const outcome of reportOutcomes(report)) {
      const message = insightsMessage(data, report, outcome, { chartName: "insights.png" });
      const embed = message.embeds![0]!;
      expect(embed.title!.length).toBeLessThanOrEqual(256);
      for (const f of embed.fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
      const total = [embed.title, embed.description, embed.footer?.text, ...embed.fields!.flatMap((f) => [f.name, f.value])].join("").length;
      expect(total).toBeLessThanOrEqual(6000);
      for (const row of message.components ?? []) {
        for (const b of row.components as { custom_id: string }[]) {
          expect(b.custom_id.length).toBeLessThanOrEqual(100);
          const index = Number(b.custom_id.split(":")[2]);
          expect(report.findings[index]!.source).toBe("single changes");
          expect(forksBehind(report, index, label)).toContain("forked from");
        }
      }
    }
    expect(forksBehind(report, report.findings.length + 5, label)).toBeUndefined();
  });

  it("writes a document with the method, findings in order, caveats and charts", () => {
    const md = reportMarkdown({ data, report, scope: "a test", generatedAt: new Date(0), charts: [{ outcome: "votes", file: "forest-votes.png" }], label, fdr: 0.1 });
    expect(md).toMatch(/^# Insights/);
    expect(md).toContain("## Method");
    const findings = report.findings.filter((f) => f.status === "finding");
    expect(md).toContain(`## Findings (${findings.length})`);
    if (findings.length > 1) expect(md.indexOf(findings[0]!.sentence)).toBeLessThan(md.indexOf(findings[1]!.sentence));
    expect(md).toContain("![What changes how people vote?](forest-votes.png)");
    expect(md).toContain("Multiple comparisons");
  });

  it("gives the same report on its own thread as on the calling one", async () => {
    const small = syntheticCommunity({ seed: 5, variants: 80, familySize: 8, battles: 1_000, votes: 2_000, models: ["m"] }).data;
    const options = { seed: 2, bootstrap: 50 };
    expect(await analyzeInThread({ data: small, options })).toEqual(analyzeInsights(small, options));
  });

  it("digests what the report says, so an unchanged report is not posted twice", () => {
    expect(reportDigest(report)).toBe(reportDigest(analyzeInsights(data, { seed: 1, bootstrap: 100 })));
    const fewer = { ...report, findings: report.findings.slice(1) };
    expect(reportDigest(fewer)).not.toBe(reportDigest(report));
  });
});

describe("arena experiments", () => {
  it("boosts a parent and its fork when the fork changed exactly one feature and insights asked for it", () => {
    const suggestions = [{ feature: "dial:warmth" }] as unknown as InsightReport["suggestions"];
    const base = data.variants.find((v) => v.parentId === null)!;
    const forkWith = (id: string, dials: Record<string, number>) => ({ ...base, id, parentId: base.id, features: { ...base.features, dials: { ...base.features.dials, ...dials } } });
    const byId = new Map<string, (typeof data.variants)[number]>([[base.id, base]]);
    byId.set("warmer", forkWith("warmer", { warmth: 0.123 }));
    byId.set("franker", forkWith("franker", { candor: 0.123 }));
    byId.set("both", forkWith("both", { warmth: 0.123, candor: 0.123 }));
    const boost = experimentBoost(suggestions, byId, { sections: [], dials: [] });
    expect(boost("warmer", base.id)).toBe(EXPERIMENT_BOOST);
    expect(boost(base.id, "warmer")).toBe(EXPERIMENT_BOOST);
    expect(boost("franker", base.id)).toBe(1);
    expect(boost("both", base.id)).toBe(1);
    expect(boost("warmer", "franker")).toBe(1);
  });
});

describe("insight settings", () => {
  it("are due at once after a change, then after their interval, and only with a channel", () => {
    let now = 1_000_000;
    const settings = createInsightSettingsStore(openDatabase(":memory:"), () => now);
    settings.set("g1", { channelId: "c1", everyHours: 2, arenaExperiments: false }, "mod");
    settings.set("g2", { channelId: null, everyHours: 1, arenaExperiments: true }, "mod");
    expect(settings.due().map((s) => s.guildId)).toEqual(["g1"]);
    settings.checked("g1", "abc");
    expect(settings.due()).toEqual([]);
    now += 2 * 3_600_000;
    expect(settings.due()).toMatchObject([{ guildId: "g1", lastDigest: "abc" }]);
    settings.checked("g1", null);
    expect(settings.get("g1")!.lastDigest).toBe("abc");
    expect(settings.get("g2")!.arenaExperiments).toBe(true);
  });
});
