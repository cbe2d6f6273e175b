import { startWorker } from "../threads/startWorker.js";
import type { InsightReport } from "../insights/types.js";
import type { InsightsTask } from "./insightsWorker.js";

/**
 * `analyzeInsights` on a thread of its own: at the scale of a large server (10,000
 * variants, a million duels) the analysis takes seconds, and the bot's event loop must
 * keep answering Discord meanwhile. The same data and options give the same report as on
 * the calling thread.
 */
export async function analyzeInThread(task: InsightsTask): Promise<InsightReport> {
  const worker = startWorker(import.meta.url, "insightsWorker");
  try {
    const answer = await new Promise<{ report?: InsightReport; error?: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the insights thread stopped (exit code ${code}) before answering`)));
      worker.postMessage(task);
    });
    if (!answer.report) throw new Error(`insights analysis failed: ${answer.error ?? "no report"}`);
    return answer.report;
  } finally {
    await worker.terminate();
  }
}
