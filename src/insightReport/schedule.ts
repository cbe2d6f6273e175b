import { createHash } from "node:crypto";
import type { App } from "../app.js";
import { renderForestPlot } from "../charts/forestPlot.js";
import type { InsightReport } from "../insights/types.js";
import { computeInsights } from "./computeInsights.js";
import { forestPlotFor } from "./forestPlotFor.js";
import type { InsightSettings } from "./insightSettings.js";
import { insightsMessage } from "./insightsMessage.js";
import { reportOutcomes } from "./outcomes.js";

/**
 * What a report says, as a short hash: each claim's status and its estimate to the unit
 * shown, so new data that leaves every sentence as it was doesn't post the report again.
 */
export function reportDigest(report: InsightReport): string {
  const said = report.findings.map((f) => `${f.outcome}|${f.label}|${f.status}|${f.sentence}`).sort();
  return createHash("sha256").update(said.join("\n")).digest("hex").slice(0, 32);
}

/** Checks one server's report and posts it to its channel when the findings have changed. Returns whether it posted. */
export async function checkInsights(app: App, settings: InsightSettings): Promise<boolean> {
  if (!settings.channelId) return false;
  const { data, report } = await computeInsights(app.store, app.outline, { guildId: settings.guildId });
  const digest = reportDigest(report);
  if (digest === settings.lastDigest) {
    app.store.insightSettings.checked(settings.guildId, null);
    return false;
  }
  const outcomes = reportOutcomes(report);
  const findings = (o: string) => report.findings.filter((f) => f.outcome === o && f.status === "finding").length;
  const outcome = [...outcomes].sort((a, b) => findings(b) - findings(a))[0] ?? "votes";
  const chart = await renderForestPlot(forestPlotFor(report, outcome));
  const message = insightsMessage(data, report, outcome, { chartName: "insights.png" });
  await app.platform.send(settings.channelId, {
    ...message,
    content: settings.lastDigest ? "📈 The insights have changed since the last report." : "📈 The community's insights so far:",
    files: [{ name: "insights.png", data: chart, description: "Effects of spec features with 95% intervals" }],
  });
  app.store.insightSettings.checked(settings.guildId, digest);
  return true;
}

/**
 * Checks every server whose report is due, every `intervalMs`, one server at a time; a
 * failure is logged and the server is checked again at its next interval. Returns a stop
 * function. The timer does not keep the process alive.
 */
export function startInsightSchedule(app: App, intervalMs: number): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const settings of app.store.insightSettings.due()) {
        try {
          if (await checkInsights(app, settings)) app.logger.info({ guild: settings.guildId, channel: settings.channelId }, "insights posted");
        } catch (error) {
          app.logger.warn({ err: error, guild: settings.guildId }, "insights check failed");
          app.store.insightSettings.checked(settings.guildId, null);
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
