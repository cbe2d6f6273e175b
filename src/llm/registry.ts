import type { Config } from "../config.js";
import { UserFacingError } from "../errors.js";
import { createAnthropicProvider } from "./anthropic.js";
import { createOpenAIProvider } from "./openai.js";
import type { ChatProvider } from "./types.js";

export interface ResolvedModel {
  /** `provider/model`, as stored with sessions and shown to people. */
  id: string;
  provider: ChatProvider;
  /** The name the provider's API knows. */
  model: string;
}

export interface ModelRegistry {
  /** @throws UserFacingError for a malformed name, an unknown provider or one without a key */
  resolve(id: string): ResolvedModel;
  /** Configured model names whose provider has a key, for autocomplete. */
  available(): string[];
  providerNames(): string[];
}

/** Providers from configuration; one whose key is missing is listed but unavailable. */
export function createModelRegistry(config: Pick<Config, "providers" | "llm" | "models">): ModelRegistry {
  const providers = new Map<string, ChatProvider>();
  const missingKey = new Map<string, string>();
  for (const p of config.providers) {
    if (!p.apiKey) {
      missingKey.set(p.name, p.apiKeyEnv);
      continue;
    }
    const options = {
      name: p.name, apiKey: p.apiKey, baseUrl: p.baseUrl,
      timeoutMs: config.llm.timeoutMs, idleTimeoutMs: config.llm.idleTimeoutMs, maxRetries: config.llm.maxRetries,
    };
    providers.set(p.name, p.kind === "anthropic" ? createAnthropicProvider(options) : createOpenAIProvider({ ...options, official: p.name === "openai" }));
  }
  return {
    resolve(id) {
      const slash = id.indexOf("/");
      const providerName = id.slice(0, slash);
      const model = id.slice(slash + 1).trim();
      if (slash < 1 || !model) throw new UserFacingError(`"${id}" is not a model name. Use provider/model, for example anthropic/claude-sonnet-5-5.`);
      const provider = providers.get(providerName);
      if (provider) return { id: `${providerName}/${model}`, provider, model };
      const env = missingKey.get(providerName);
      if (env) throw new UserFacingError(`The ${providerName} provider is not set up on this bot (no ${env}). Pick a model from another provider.`);
      const known = [...providers.keys(), ...missingKey.keys()].join(", ");
      throw new UserFacingError(`There is no provider called "${providerName}". Known providers: ${known}.`);
    },
    available() {
      return config.models.filter((m) => providers.has(m.slice(0, m.indexOf("/"))));
    },
    providerNames() {
      return [...providers.keys()];
    },
  };
}
