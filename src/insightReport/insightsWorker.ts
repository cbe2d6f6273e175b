import { parentPort } from "node:worker_threads";
import { analyzeInsights } from "../insights/analyze.js";
import type { InsightData, InsightOptions } from "../insights/types.js";

/** What the calling thread posts: the data and the options (plain data, so they cross threads). */
export interface InsightsTask {
  data: InsightData;
  options: Omit<InsightOptions, "onStage">;
}

// Worker-thread entry: one analysis, one answer (or the error's message), then the thread exits.
parentPort?.once("message", (task: InsightsTask) => {
  try {
    parentPort!.postMessage({ report: analyzeInsights(task.data, task.options) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
