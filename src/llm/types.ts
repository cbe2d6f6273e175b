import type { Usage } from "../store/messages.js";

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  /** The model name without its provider prefix. */
  model: string;
  system: string;
  messages: readonly ChatTurn[];
  maxTokens: number;
  /** Honoured by OpenAI-style providers only (see PLATFORM-NOTES: Anthropic's current API rejects it). */
  temperature?: number;
  signal?: AbortSignal;
  /** Called just before the request goes to the SDK (for the overhead figures). */
  onSend?: () => void;
}

export type FinishReason = "stop" | "length" | "other";

export type StreamEvent =
  | { type: "text"; text: string }
  | { type: "done"; finishReason: FinishReason; usage: Usage };

/**
 * One streaming interface over every model API. A stream either ends with exactly one
 * `done` event or throws an LlmError; it never ends silently.
 */
export interface ChatProvider {
  readonly name: string;
  readonly kind: "anthropic" | "openai";
  /** Whether requests can carry a sampling temperature. */
  readonly acceptsTemperature: boolean;
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
}
