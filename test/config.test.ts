import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("loadConfig", () => {
  it("names each bad variable and what it expects", () => {
    let message = "";
    try {
      loadConfig({ DISCORD_API_BASE_URL: "not a url", DEFAULT_MODEL: "gpt4", LLM_MAX_RETRIES: "many" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/DISCORD_TOKEN: required/);
    expect(message).toMatch(/DISCORD_API_BASE_URL: expected an http\(s\) URL/);
    expect(message).toMatch(/DEFAULT_MODEL: expected provider\/model/);
    expect(message).toMatch(/LLM_MAX_RETRIES: /);
  });

  it("applies defaults and marks providers without a key as unavailable", () => {
    const config = loadConfig({ DISCORD_TOKEN: "t", OPENAI_API_KEY: "k", LLM_PROVIDERS: "ollama=http://127.0.0.1:11434/v1" });
    expect(config.databasePath).toBe("data/personalab.sqlite");
    expect(config.providers.find((p) => p.name === "anthropic")!.apiKey).toBeUndefined();
    expect(config.providers.find((p) => p.name === "openai")!.apiKey).toBe("k");
    expect(config.providers.find((p) => p.name === "ollama")).toMatchObject({ kind: "openai", baseUrl: "http://127.0.0.1:11434/v1", apiKeyEnv: "OLLAMA_API_KEY" });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("refuses a malformed provider list", () => {
    expect(() => loadConfig({ DISCORD_TOKEN: "t", LLM_PROVIDERS: "ollama" })).toThrow(/LLM_PROVIDERS: expected name=/);
  });
});
