import OpenAI from "openai";
import type { Usage } from "../store/messages.js";
import { sdkClientOptions, type ProviderOptions } from "./providerOptions.js";
import { guardedStream } from "./guardedStream.js";
import type { ChatProvider, ChatRequest, FinishReason, StreamEvent } from "./types.js";

const finishReasons: Record<string, FinishReason> = { stop: "stop", length: "length" };

/**
 * OpenAI Chat Completions, streamed. Also serves any OpenAI-compatible endpoint
 * (Ollama, vLLM, LM Studio, OpenRouter), which is why it sends the widely supported
 * `max_tokens` to those and `max_completion_tokens` only to OpenAI itself.
 */
export function createOpenAIProvider(options: ProviderOptions & { official: boolean }): ChatProvider {
  const client = new OpenAI(sdkClientOptions(options));

  function stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const usage: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
    let finishReason: string | null = null;
    return guardedStream(request, options.idleTimeoutMs, {
      open: (signal) =>
        client.chat.completions.create(
          {
            model: request.model,
            messages: [{ role: "system", content: request.system }, ...request.messages.map((m) => ({ role: m.role, content: m.content }))],
            stream: true,
            stream_options: { include_usage: true },
            ...(options.official ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          },
          { signal },
        ),
      read(chunk) {
        const choice = chunk.choices[0];
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) {
          usage.inputTokens = chunk.usage.prompt_tokens;
          usage.outputTokens = chunk.usage.completion_tokens;
          usage.cachedTokens = chunk.usage.prompt_tokens_details?.cached_tokens ?? 0;
        }
        return choice?.delta?.content ?? undefined;
      },
      // A stream closed without a finish_reason raises nothing in the SDK: it is still incomplete.
      end: () => (finishReason === null ? undefined : { type: "done", finishReason: finishReasons[finishReason] ?? "other", usage }),
    });
  }

  return { name: options.name, kind: "openai", acceptsTemperature: true, stream };
}
