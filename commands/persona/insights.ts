import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { App } from "../../src/app.js";
import { renderForestPlot } from "../../src/charts/forestPlot.js";
import { UserFacingError } from "../../src/errors.js";
import { computeInsights } from "../../src/insightReport/computeInsights.js";
import { forestPlotFor } from "../../src/insightReport/forestPlotFor.js";
import { forksBehind, insightsMessage } from "../../src/insightReport/insightsMessage.js";
import { reportOutcomes } from "../../src/insightReport/outcomes.js";
import type { OutcomeKey } from "../../src/insights/types.js";
import type { InteractionContext } from "../../src/platform.js";
import type { Handler, Subcommand } from "../types.js";
import { autocompletePersonaOrModel, modelOption } from "./options.js";

const CHART = "insights.png";

/** The outcome asked for, or the one with the most findings (votes when there are none). */
function chooseOutcome(asked: string, outcomes: readonly OutcomeKey[], counts: (o: OutcomeKey) => number): OutcomeKey {
  const byFindings = (list: readonly OutcomeKey[]) => [...list].sort((a, b) => counts(b) - counts(a))[0];
  if (!asked) return byFindings(outcomes) ?? "votes";
  const exact = outcomes.find((o) => o === asked || o === `probe:${asked}`);
  // A suite alone (probe:are-you-sure) means its metric with the most findings.
  const suite = byFindings(outcomes.filter((o) => o.startsWith(`${asked.startsWith("probe:") ? asked : `probe:${asked}`}/`)));
  const match = exact ?? suite;
  if (!match) throw new UserFacingError(`There is nothing yet on \`${asked.slice(0, 60)}\`. Outcomes with data: ${outcomes.map((o) => `\`${o}\``).join(", ") || "none yet"}.`);
  return match;
}

/** Autocomplete: outcomes (votes, duels, probe metrics seen) and features (dials and sections of the outline). */
const autocomplete: Handler = async (ctx, app) => {
  const typed = (ctx.focused?.value ?? "").toLowerCase();
  let values: string[];
  if (ctx.focused?.name === "outcome") {
    values = ["votes", "duels", ...app.store.probeRuns.doneSuites().map((suite) => `probe:${suite}`)];
  } else if (ctx.focused?.name === "feature") {
    values = [...app.outline.dials.map((d) => d.id), ...app.outline.sections.filter((s) => !s.fromDials).map((s) => s.id), "examples"];
  } else return autocompletePersonaOrModel(ctx, app);
  await ctx.choices(values.filter((v) => v.toLowerCase().includes(typed)).slice(0, 25).map((v) => ({ name: v, value: v })));
};

function scope(ctx: InteractionContext, app: App, model: string) {
  return computeInsights(app.store, app.outline, { guildId: ctx.guildId, model: model || undefined });
}

/** `/persona insights`: which spec features lead to which behaviour, on this server's evidence so far. */
export const insightsSubcommand: Subcommand = {
  data: {
    type: ApplicationCommandOptionType.Subcommand,
    name: "insights",
    description: "Which spec features change votes, duels and probe scores",
    options: [
      { type: ApplicationCommandOptionType.String, name: "outcome", description: "votes, duels or a probe metric", autocomplete: true, max_length: 100 },
      { type: ApplicationCommandOptionType.String, name: "feature", description: "Only one dial or section, e.g. warmth or honesty", autocomplete: true, max_length: 40 },
      { ...modelOption, description: "Only evidence from this provider/model" },
    ],
  },
  autocomplete,
  async execute(ctx, app) {
    await ctx.defer();
    const model = String(ctx.options.model ?? "").trim();
    const feature = String(ctx.options.feature ?? "").trim().toLowerCase() || undefined;
    const { data, report } = await scope(ctx, app, model);
    const outcomes = reportOutcomes(report);
    const outcome = chooseOutcome(String(ctx.options.outcome ?? "").trim(), outcomes, (o) => report.findings.filter((f) => f.outcome === o && f.status === "finding").length);
    const png = await renderForestPlot(forestPlotFor(report, outcome, feature));
    await ctx.reply({ ...insightsMessage(data, report, outcome, { feature, model: model || undefined, chartName: CHART }), files: [{ name: CHART, data: png, description: "Effects of spec features with 95% intervals" }] });
  },
};

/** "Forks behind N" (`persona:insightforks:<finding>:<model>`): the forks a pooled finding rests on, privately. */
export const insightForksButton: Handler = async (ctx, app) => {
  const [index = "", ...rest] = ctx.customArgs;
  const model = rest.join(":");
  await ctx.defer({ ephemeral: true });
  const { report, label } = await scope(ctx, app, model);
  const text = forksBehind(report, Number(index), label);
  await ctx.reply({ content: text ?? "The evidence has changed since this message: run `/persona insights` again.", ephemeral: true });
};
