import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed } from "discord-api-types/v10";
import type { InsightData, InsightReport, OutcomeKey } from "../insights/types.js";
import { truncate } from "../personas/catalog.js";
import type { OutgoingMessage } from "../platform.js";
import { changeOf } from "./forestPlotFor.js";
import { outcomeHeading } from "./outcomes.js";

/** Findings shown in full, and buttons to the forks behind them (one row of five). */
const SHOWN = 5;
const INSIGHT_COLOUR = 0x8b8cf8;

/** The custom id of "forks behind" finding N of the report (on one model, or all when empty); the model comes last, as it may hold colons. */
export const forksButtonId = (finding: number, model: string) => `persona:insightforks:${finding}:${model}`;

/** What the report is built from, in one line. */
export function evidenceLine(data: InsightData, report: InsightReport): string {
  const families = new Set(data.variants.map((v) => v.family)).size;
  const votes = data.votes.reduce((n, v) => n + v.up + v.down, 0);
  const singleForks = new Set(report.forks.map((f) => f.fork)).size;
  return `${data.variants.length.toLocaleString("en")} variants in ${families} families · ${singleForks} one-change forks measured · ${data.battles.length.toLocaleString("en")} duel votes · ${votes.toLocaleString("en")} reply votes · ${data.probes.length.toLocaleString("en")} probe scores`;
}

const bullet = (text: string) => `• ${text}`;

/**
 * `/persona insights` as a message: the strongest findings on one outcome, the claims with
 * the least support, suggested experiments and caveats, the forest plot as the embed's
 * image, and a button per finding that lists the forks behind it.
 */
export function insightsMessage(data: InsightData, report: InsightReport, outcome: OutcomeKey, options: { feature?: string; model?: string; chartName: string }): OutgoingMessage {
  const about = report.findings.filter((f) => f.outcome === outcome && (!options.feature || f.feature === options.feature || f.feature.endsWith(`:${options.feature}`)));
  const strongest = about.filter((f) => f.status === "finding").slice(0, SHOWN);
  const weakest = about.filter((f) => f.status === "not enough evidence yet").slice(-3).reverse();
  const nothing = about.filter((f) => f.status === "no detectable effect").slice(0, 3);
  const suggestions = report.suggestions.filter((s) => s.outcome === outcome).slice(0, 3);
  const fields: NonNullable<APIEmbed["fields"]> = [
    { name: "Strongest evidence", value: truncate(strongest.map((f, i) => `**${i + 1}.** ${f.sentence}`).join("\n") || "No findings yet: on this evidence, no effect is clear enough to report.", 1024) },
  ];
  if (nothing.length > 0) fields.push({ name: "No detectable effect", value: truncate(nothing.map((f) => bullet(f.sentence)).join("\n"), 1024) });
  if (weakest.length > 0) fields.push({ name: "Least supported so far", value: truncate(weakest.map((f) => bullet(f.sentence)).join("\n"), 1024) });
  if (suggestions.length > 0) fields.push({ name: "Experiments that would teach the most", value: truncate(suggestions.map((s) => bullet(s.sentence)).join("\n"), 1024) });
  if (report.caveats.length > 0) fields.push({ name: "Caveats", value: truncate(report.caveats.map(bullet).join("\n"), 1024) });
  const scope = [options.model && `on ${options.model}`, options.feature && `about ${options.feature}`].filter(Boolean).join(", ");
  const embed: APIEmbed = {
    color: INSIGHT_COLOUR,
    title: truncate(`${outcomeHeading(outcome).title}${scope ? ` (${scope})` : ""}`, 256),
    description: truncate(`${evidenceLine(data, report)}\nA finding's 95% interval excludes zero and survives a false-discovery-rate check across every estimate (q ≤ 0.1).`, 4096),
    fields,
    image: { url: `attachment://${options.chartName}` },
    footer: { text: "Insights update as the community forks, votes, duels and probes. npm run cli -- insights writes the full report." },
  };
  const buttons: APIButtonComponent[] = strongest.flatMap((f, i) => {
    const id = forksButtonId(report.findings.indexOf(f), options.model ?? "");
    // Only pooled single changes have forks behind them; a custom id holds 100 characters.
    return changeOf(report, f) && id.length <= 100 ? [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: `Forks behind ${i + 1}`, custom_id: id }] : [];
  });
  return { embeds: [embed], components: buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [] };
}

/** The forks behind one finding: each fork and its parent, the model, and its own difference with interval. */
export function forksBehind(report: InsightReport, index: number, label: (variantId: string) => string): string | undefined {
  const finding = report.findings[index];
  const change = finding && changeOf(report, finding);
  if (!finding || !change) return undefined;
  const unit = change.unit === "elo" ? "" : " pp";
  const forks = report.forks.filter((f) => f.outcome === finding.outcome && f.change === change.key);
  const lines = forks.map((f) => `• \`${label(f.fork)}\` forked from \`${label(f.parent)}\` (${f.model}): ${f.estimate >= 0 ? "+" : ""}${f.estimate.toFixed(1)}${unit} (95% CI ${f.lower.toFixed(1)} to ${f.upper.toFixed(1)})`);
  return truncate(`**${finding.label}** on ${outcomeHeading(finding.outcome).title.toLowerCase().replace(/\?$/, "")}: ${forks.length} fork${forks.length === 1 ? "" : "s"}\n${lines.join("\n")}`, 2000);
}
