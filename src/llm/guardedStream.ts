import { LlmError, toLlmError } from "./errors.js";
import type { ChatRequest, StreamEvent } from "./types.js";
import { IdleWatchdog } from "./watchdog.js";

/** How one SDK's stream is opened and read; the provider keeps its own state in closures. */
export interface StreamReader<E> {
  /** Starts the SDK call; resolves once the response has started. */
  open(signal: AbortSignal): Promise<AsyncIterable<E>>;
  /** The text an event carries, if any (and a place to note usage and finish reasons). */
  read(event: E): string | undefined;
  /** The final event, or undefined if the stream never said it was complete. */
  end(): Extract<StreamEvent, { type: "done" }> | undefined;
}

/**
 * Runs an SDK stream with the guarantees of ChatProvider: an idle watchdog (the SDKs'
 * timeout covers only the headers), every failure mapped to an LlmError, and a stream
 * that ends without its final event reported as interrupted — the SDKs end such a loop,
 * and an aborted one, without raising anything.
 */
export async function* guardedStream<E>(request: ChatRequest, idleTimeoutMs: number, reader: StreamReader<E>): AsyncGenerator<StreamEvent> {
  const watchdog = new IdleWatchdog(idleTimeoutMs, request.signal);
  try {
    request.onSend?.();
    const events = await reader.open(watchdog.signal);
    watchdog.poke();
    for await (const event of events) {
      watchdog.poke();
      const text = reader.read(event);
      if (text) yield { type: "text", text };
    }
  } catch (error) {
    throw watchdog.fired ? new LlmError("timeout") : toLlmError(error);
  } finally {
    watchdog.stop();
  }
  if (watchdog.fired) throw new LlmError("timeout");
  const done = request.signal?.aborted ? undefined : reader.end();
  if (!done) throw new LlmError("interrupted");
  yield done;
}
