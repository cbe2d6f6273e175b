import type { Worker } from "node:worker_threads";
import type { BootstrapJob, BootstrapResult } from "./bootstrapJob.js";
import type { BootstrapTask } from "./bootstrapWorker.js";
import { startWorker } from "../threads/startWorker.js";

/** A started thread, and a promise that rejects if it fails or stops before answering. */
interface Thread {
  worker: Worker;
  failure: Promise<never>;
}

/**
 * Worker threads for one fit. They are started before the battles are counted, so they
 * boot on the other core meanwhile; each then takes a contiguous share of the rounds and
 * fits the full data itself (a small part of the work, identical on every thread) rather
 * than waiting for one to do it. The calling thread's event loop stays free throughout.
 */
export class BootstrapThreads {
  private constructor(private readonly threads: Thread[]) {}

  static start(count: number): BootstrapThreads {
    return new BootstrapThreads(
      Array.from({ length: count }, () => {
        const worker = startWorker(import.meta.url, "bootstrapWorker");
        const failure = new Promise<never>((_, reject) => {
          worker.once("error", reject);
          worker.once("exit", (code) => reject(new Error(`a bootstrap thread stopped (exit code ${code}) before answering`)));
        });
        // Observed here so that a thread failing before `run` is not an unhandled rejection; `run` reports it.
        failure.catch(() => undefined);
        return { worker, failure };
      }),
    );
  }

  /** The fit and `rounds` bootstrap rounds, shared among the threads. */
  async run(job: BootstrapJob, rounds: number): Promise<BootstrapResult> {
    const count = this.threads.length;
    const results = await Promise.all(
      this.threads.map(({ worker, failure }, k) => {
        const answer = new Promise<BootstrapResult>((resolve) => worker.once("message", resolve));
        const task: BootstrapTask = { job, from: Math.floor((k * rounds) / count), to: Math.floor(((k + 1) * rounds) / count) };
        worker.postMessage(task);
        return Promise.race([answer, failure]);
      }),
    );
    const samples = new Float64Array(rounds * job.n);
    let offset = 0;
    for (const result of results) {
      samples.set(result.samples, offset);
      offset += result.samples.length;
    }
    return { beta: results[0]!.beta, samples };
  }

  /** Stops every thread; resolves once they are gone. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map(({ worker }) => worker.terminate()));
  }
}
