import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlmError } from "../../src/llm/errors.js";
import { createModelRegistry } from "../../src/llm/registry.js";
import type { ChatProvider, StreamEvent } from "../../src/llm/types.js";
import { UserFacingError } from "../../src/errors.js";
import { loadConfig } from "../../src/config.js";
import { startFakeAnthropic, startFakeOpenAI, type FakeLLMServer } from "../fakes/index.js";

let anthropic: FakeLLMServer;
let openai: FakeLLMServer;
let providers: { anthropic: ChatProvider; openai: ChatProvider };

beforeAll(async () => {
  [anthropic, openai] = await Promise.all([startFakeAnthropic(), startFakeOpenAI()]);
  const config = loadConfig({
    DISCORD_TOKEN: "t",
    ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.baseUrl,
    OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl,
    LLM_MAX_RETRIES: "1", LLM_TIMEOUT_MS: "2000", LLM_IDLE_TIMEOUT_MS: "300",
  });
  const registry = createModelRegistry(config);
  providers = { anthropic: registry.resolve("anthropic/claude-sonnet-5-5").provider, openai: registry.resolve("openai/gpt-4.1-mini").provider };
});
afterAll(async () => {
  await Promise.all([anthropic.close(), openai.close()]);
});

async function collect(provider: ChatProvider, temperature?: number) {
  const events: StreamEvent[] = [];
  for await (const e of provider.stream({ model: "m", system: "You are a test.", messages: [{ role: "user", content: "hello" }], maxTokens: 100, temperature })) events.push(e);
  const text = events.flatMap((e) => (e.type === "text" ? [e.text] : [])).join("");
  return { text, done: events.at(-1) };
}

async function failure(provider: ChatProvider): Promise<LlmError> {
  try {
    await collect(provider);
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError);
    return error as LlmError;
  }
  throw new Error("expected the stream to fail");
}

describe.each(["anthropic", "openai"] as const)("%s provider", (name) => {
  const fake = () => (name === "anthropic" ? anthropic : openai);

  it("streams text and ends with the finish reason and token usage", async () => {
    fake().enqueue({ text: "Hello there, friend.", usage: { inputTokens: 42, outputTokens: 5 } });
    const { text, done } = await collect(providers[name]);
    expect(text).toBe("Hello there, friend.");
    expect(done).toEqual({ type: "done", finishReason: "stop", usage: expect.objectContaining({ inputTokens: 42, outputTokens: 5 }) });
  });

  it("reports a reply stopped by the token limit", async () => {
    fake().enqueue({ text: "Cut", stopReason: "max_tokens" });
    expect((await collect(providers[name])).done).toMatchObject({ finishReason: "length" });
  });

  it("retries a 429 and then succeeds", async () => {
    fake().enqueue({ fault: { kind: "http", status: 429, retryAfterSeconds: 0 } }, { text: "second try" });
    expect((await collect(providers[name])).text).toBe("second try");
  });

  it("maps a 500 after retries to a retryable server error", async () => {
    fake().enqueue({ fault: { kind: "http", status: 500 } }, { fault: { kind: "http", status: 500 } });
    const error = await failure(providers[name]);
    expect(error.failure).toBe("server");
    expect(error.retryable).toBe(true);
  });

  it("treats a stream cut midway as interrupted, never as a finished reply", async () => {
    fake().enqueue({ text: "a long reply that will be cut", fault: { kind: "cut", afterTokens: 2 } });
    expect((await failure(providers[name])).failure).toBe("interrupted");
  });

  it("treats a stream that ends cleanly without its final event as interrupted", async () => {
    fake().enqueue({ text: "a long reply that ends early", fault: { kind: "end-early", afterTokens: 2 } });
    expect((await failure(providers[name])).failure).toBe("interrupted");
  });

  it("aborts a stream that stalls, with the idle watchdog", async () => {
    fake().enqueue({ text: "a reply that stalls after a while", fault: { kind: "stall", afterTokens: 2 } });
    expect((await failure(providers[name])).failure).toBe("timeout");
  });

  it("reads an in-stream overloaded error by its type", async () => {
    fake().enqueue({ text: "some words before the overload", fault: { kind: "overloaded", afterTokens: 2 } });
    expect((await failure(providers[name])).failure).toBe("overloaded");
  });
});

describe("provider specifics", () => {
  it("marks the Anthropic system prompt for caching and never sends a temperature", async () => {
    await collect(providers.anthropic, 0.3);
    const body = anthropic.requests.at(-1)!.body as { system: { cache_control?: unknown }[]; temperature?: number };
    expect(body.system[0]!.cache_control).toEqual({ type: "ephemeral" });
    expect(body.temperature).toBeUndefined();
  });

  it("sends a spec's temperature to OpenAI", async () => {
    await collect(providers.openai, 0.3);
    expect(openai.requests.at(-1)!.temperature).toBe(0.3);
  });

  it("refuses a provider without a key, an unknown provider and a malformed name with clear messages", () => {
    const registry = createModelRegistry(loadConfig({ DISCORD_TOKEN: "t", OPENAI_API_KEY: "k" }));
    expect(() => registry.resolve("anthropic/claude-sonnet-5-5")).toThrow(/not set up on this bot \(no ANTHROPIC_API_KEY\)/);
    expect(() => registry.resolve("mystery/model")).toThrow(UserFacingError);
    expect(() => registry.resolve("gpt-4")).toThrow(/not a model name/);
    expect(registry.available().every((m) => m.startsWith("openai/"))).toBe(true);
  });
});
