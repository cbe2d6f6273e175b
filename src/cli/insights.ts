import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { renderForestPlot } from "../charts/forestPlot.js";
import { REPORT_BOOTSTRAP, computeInsights, onModel } from "../insightReport/computeInsights.js";
import { forestPlotFor } from "../insightReport/forestPlotFor.js";
import { outcomeSlug, reportOutcomes } from "../insightReport/outcomes.js";
import { METRIC_PHRASES } from "../insightReport/metricPhrases.js";
import { reportMarkdown } from "../insightReport/reportMarkdown.js";
import { analyzeInsights } from "../insights/analyze.js";
import { syntheticCommunity } from "../insights/synthetic.js";
import type { InsightData, InsightReport } from "../insights/types.js";
import { loadOutline } from "../outline/loadOutline.js";
import { shortVariant } from "../specs/variant.js";
import { openStore } from "../store/index.js";

export const INSIGHTS_USAGE = `  insights [--out DIR] [--db FILE] [--guild ID] [--model provider/model] [--bootstrap N] [--synthetic SEED]
      Writes the insights report: DIR/README.md (default docs/insights) with its charts
      (forest-<outcome>.png) and the spec files of the variants behind each finding, from
      the database (every server, or --guild). --synthetic SEED analyses a generated
      community with known effects instead, to see the method at work.`;

const FDR = 0.1;

/** `npm run cli -- insights`: the living document of which spec features lead to which behaviour. */
export async function runInsights(args: string[], out: { write(text: string): unknown } = process.stdout): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: "string", default: "docs/insights" },
      db: { type: "string", default: process.env.DATABASE_PATH ?? "data/personalab.sqlite" },
      guild: { type: "string" },
      model: { type: "string" },
      bootstrap: { type: "string", default: String(REPORT_BOOTSTRAP) },
      synthetic: { type: "string" },
      outline: { type: "string", default: process.env.OUTLINE_DIR ?? "personas/outline" },
    },
  });
  const bootstrap = Number(values.bootstrap);
  if (!Number.isSafeInteger(bootstrap) || bootstrap < 1) {
    process.stderr.write(`--bootstrap must be a whole number of rounds, got "${values.bootstrap}"\n`);
    return 2;
  }
  const { outline } = await loadOutline(values.outline);
  let data: InsightData;
  let report: InsightReport;
  let label: (id: string) => string;
  let scope: string;
  const specs = new Map<string, { name: string; source: string }>();
  if (values.synthetic !== undefined) {
    const seed = Number(values.synthetic);
    const all = syntheticCommunity({ seed, variants: 400, familySize: 8, battles: 20_000, votes: 40_000, models: ["anthropic/claude-sonnet-5-5", "openai/gpt-5.2"] }).data;
    data = values.model ? onModel(all, values.model) : all;
    report = analyzeInsights(data, { outline, seed: 1, bootstrap, fdr: FDR, metricPhrases: { ...METRIC_PHRASES } });
    const names = new Map(data.variants.map((v) => [v.id, `${v.name}@${v.version}`]));
    label = (id) => names.get(id) ?? id;
    scope = `a synthetic community with known effects (seed ${seed}), not real votes`;
  } else {
    const store = openStore(values.db);
    try {
      ({ data, report, label } = await computeInsights(store, outline, { guildId: values.guild ?? null, model: values.model, bootstrap }));
      for (const f of report.forks) for (const id of [f.fork, f.parent]) {
        const v = store.variants.get(id);
        if (v) specs.set(id, { name: `${shortVariant(v.name, v.id).replace("@", "-")}.md`, source: v.source });
      }
    } finally {
      store.close();
    }
    scope = `${values.guild ? `server ${values.guild}` : "every server"}${values.model ? ` on ${values.model}` : ""}`;
  }

  await mkdir(values.out, { recursive: true });
  const charts: { outcome: (typeof report.findings)[number]["outcome"]; file: string }[] = [];
  for (const outcome of reportOutcomes(report)) {
    const file = `forest-${outcomeSlug(outcome)}.png`;
    await writeFile(join(values.out, file), await renderForestPlot(forestPlotFor(report, outcome)));
    charts.push({ outcome, file });
  }
  if (specs.size > 0) {
    await mkdir(join(values.out, "variants"), { recursive: true });
    for (const { name, source } of specs.values()) await writeFile(join(values.out, "variants", name), source);
  }
  const markdown = reportMarkdown({
    data, report, scope, generatedAt: new Date(), charts, label, fdr: FDR,
    link: (id) => (specs.has(id) ? `variants/${specs.get(id)!.name}` : undefined),
  });
  await writeFile(join(values.out, "README.md"), markdown);
  const findings = report.findings.filter((f) => f.status === "finding").length;
  out.write(`Wrote ${join(values.out, "README.md")}: ${findings} finding${findings === 1 ? "" : "s"}, ${charts.length} chart${charts.length === 1 ? "" : "s"}, ${specs.size} spec files.\n`);
  return 0;
}
