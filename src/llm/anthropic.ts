import Anthropic from "@anthropic-ai/sdk";
import type { Usage } from "../store/messages.js";
import { guardedStream } from "./guardedStream.js";
import { sdkClientOptions, type ProviderOptions } from "./providerOptions.js";
import type { ChatProvider, ChatRequest, FinishReason, StreamEvent } from "./types.js";

const finishReasons: Record<string, FinishReason> = { end_turn: "stop", stop_sequence: "stop", max_tokens: "length" };

/** The Anthropic Messages API, streamed, with the system prompt marked for prompt caching. */
export function createAnthropicProvider(options: ProviderOptions): ChatProvider {
  const client = new Anthropic(sdkClientOptions(options));

  function stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const usage: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
    let stopReason: string | null = null;
    let finished = false;
    return guardedStream(request, options.idleTimeoutMs, {
      open: (signal) =>
        client.messages.create(
          {
            model: request.model,
            max_tokens: request.maxTokens,
            // Marked for caching: a persona's prompt is resent with every turn of every thread.
            system: [{ type: "text", text: request.system, cache_control: { type: "ephemeral" } }],
            messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
            stream: true,
          },
          { signal },
        ),
      read(event) {
        switch (event.type) {
          case "message_start": {
            const u = event.message.usage;
            usage.inputTokens = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
            usage.cachedTokens = u.cache_read_input_tokens ?? 0;
            usage.outputTokens = u.output_tokens;
            return undefined;
          }
          case "content_block_delta":
            return event.delta.type === "text_delta" ? event.delta.text : undefined;
          case "message_delta":
            stopReason = event.delta.stop_reason ?? stopReason;
            usage.outputTokens = event.usage.output_tokens;
            return undefined;
          case "message_stop":
            finished = true;
            return undefined;
          default:
            return undefined;
        }
      },
      end: () => (finished ? { type: "done", finishReason: finishReasons[stopReason ?? ""] ?? "other", usage } : undefined),
    });
  }

  return { name: options.name, kind: "anthropic", acceptsTemperature: false, stream };
}
