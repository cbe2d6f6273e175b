import { z } from "zod";

/**
 * The bot's whole configuration, read once from the environment (and `.env`,
 * loaded by the entry point) and validated here. Secrets stay in the
 * environment; extra providers name the variable that holds their key.
 */

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).optional());

const optionalSecret = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const modelName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]*\/\S+$/, "expected provider/model, e.g. anthropic/claude-sonnet-5-5");

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** `name=baseUrl` pairs, comma-separated: further OpenAI-compatible endpoints (Ollama, vLLM, OpenRouter…). */
const extraProviders = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const providers: { name: string; baseUrl: string; apiKeyEnv: string }[] = [];
    for (const entry of (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
      const eq = entry.indexOf("=");
      const name = entry.slice(0, eq).trim().toLowerCase();
      const baseUrl = entry.slice(eq + 1).trim();
      if (eq < 1 || !/^[a-z0-9][a-z0-9_-]*$/.test(name) || !/^https?:\/\/\S+$/.test(baseUrl)) {
        ctx.addIssue({ code: "custom", message: `expected name=http(s)://base-url pairs separated by commas, got "${entry}"` });
        return z.NEVER;
      }
      if (name === "anthropic" || name === "openai") {
        ctx.addIssue({ code: "custom", message: `"${name}" is built in; pick another name` });
        return z.NEVER;
      }
      providers.push({ name, baseUrl, apiKeyEnv: `${name.toUpperCase().replace(/-/g, "_")}_API_KEY` });
    }
    return providers;
  });

const envSchema = z.object({
  DISCORD_TOKEN: z.string({ error: "required: the bot token from the Discord developer portal" }).trim().min(1, "required: the bot token from the Discord developer portal"),
  DISCORD_API_BASE_URL: optionalUrl,
  ANTHROPIC_API_KEY: optionalSecret,
  ANTHROPIC_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalSecret,
  OPENAI_BASE_URL: optionalUrl,
  LLM_PROVIDERS: extraProviders,
  DATABASE_PATH: z.string().trim().min(1).default("data/personalab.sqlite"),
  PERSONAS_DIR: z.string().trim().min(1).default("personas"),
  OUTLINE_DIR: z.string().trim().min(1).default("personas/outline"),
  INSIGHTS_CHECK_MS: positiveInt(600_000),
  DEFAULT_MODEL: modelName.default("anthropic/claude-sonnet-5-5"),
  MODELS: z
    .string()
    .optional()
    .transform((raw) => (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(modelName)),
  LLM_TIMEOUT_MS: positiveInt(60_000),
  LLM_IDLE_TIMEOUT_MS: positiveInt(30_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  MAX_OUTPUT_TOKENS: positiveInt(1024),
  CONTEXT_BUDGET_TOKENS: positiveInt(12_000),
  VOTE_MIN_VOTES: positiveInt(10),
  VOTE_DAILY_CAP: positiveInt(200),
  VOTE_MIN_MEMBER_MINUTES: z.coerce.number().int().min(0).default(0),
  VOTE_MIN_ACCOUNT_DAYS: z.coerce.number().int().min(0).default(0),
  VOTE_RECONCILE_DAYS: z.coerce.number().int().min(0).default(14),
  VOTE_RECONCILE_LIMIT: z.coerce.number().int().min(0).default(500),
  DUEL_MIN_BATTLES: positiveInt(10),
  DUEL_BOOTSTRAP_ROUNDS: z.coerce.number().int().min(100).max(10_000).default(200),
  PROBES_DIR: z.string().trim().min(1).default("probes"),
  JUDGE_MODEL: modelName.optional(),
  PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PRICES_FILE: z.string().trim().min(1).default("data/prices.json"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

export interface ProviderConfig {
  name: string;
  kind: "anthropic" | "openai";
  baseUrl?: string;
  /** Undefined when the key is missing: the provider is then unavailable. Keyless local endpoints get a placeholder. */
  apiKey?: string;
  /** The variable a missing key should be put in, for the error message. */
  apiKeyEnv: string;
}

export interface Config {
  discord: { token: string; apiBaseUrl?: string };
  providers: readonly ProviderConfig[];
  databasePath: string;
  personasDir: string;
  /** The constitution outline: blocks and dials personas are built from, and recognised by. */
  outlineDir: string;
  /** How often servers' insight reports are checked for changes to post (each server has its own interval too). */
  insightsCheckMs: number;
  defaultModel: string;
  /** Models offered by autocomplete; any provider/model can still be typed. */
  models: readonly string[];
  llm: { timeoutMs: number; idleTimeoutMs: number; maxRetries: number; maxOutputTokens: number; contextBudgetTokens: number };
  votes: VoteRules;
  duels: {
    /** Below this many battles a duel rating is provisional. */
    minBattles: number;
    /** Bootstrap rounds behind each rating's 95% interval. */
    bootstrapRounds: number;
  };
  probes: {
    dir: string;
    /** The model that scores replies a rule cannot read; the default model unless set. */
    judgeModel: string;
    /** Most probe calls in flight at once, per provider. */
    concurrency: number;
    /** $ per million input / output tokens, by provider/model, for the estimate before a run. */
    pricesFile: string;
  };
  logLevel: string;
}

/** Who may vote and how much; see the README's configuration table. */
export interface VoteRules {
  /** Below this many votes a ranking row is provisional. */
  minVotes: number;
  dailyCap: number;
  minMemberMinutes: number;
  minAccountDays: number;
  /** After a start, re-read the reactions of replies this recent (0: never)… */
  reconcileDays: number;
  /** …at most this many replies, newest first. */
  reconcileLimit: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const DEFAULT_MODELS = ["anthropic/claude-sonnet-5-5", "anthropic/claude-haiku-5-5", "anthropic/claude-opus-5-5", "openai/gpt-4.1-mini", "openai/gpt-4.1"];

/**
 * Validates the environment. Throws a ConfigError whose message is one line per
 * problem, each naming the variable and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "environment")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const providers: ProviderConfig[] = [
    { name: "anthropic", kind: "anthropic", baseUrl: e.ANTHROPIC_BASE_URL, apiKey: e.ANTHROPIC_API_KEY, apiKeyEnv: "ANTHROPIC_API_KEY" },
    { name: "openai", kind: "openai", baseUrl: e.OPENAI_BASE_URL, apiKey: e.OPENAI_API_KEY, apiKeyEnv: "OPENAI_API_KEY" },
    ...e.LLM_PROVIDERS.map((p) => ({
      name: p.name,
      kind: "openai" as const,
      baseUrl: p.baseUrl,
      // Local servers such as Ollama take no key; the SDK still wants a string.
      apiKey: env[p.apiKeyEnv]?.trim() || "not-needed",
      apiKeyEnv: p.apiKeyEnv,
    })),
  ];
  const models = e.MODELS.length > 0 ? e.MODELS : DEFAULT_MODELS;
  return Object.freeze({
    discord: { token: e.DISCORD_TOKEN, apiBaseUrl: e.DISCORD_API_BASE_URL?.replace(/\/+$/, "") },
    providers,
    databasePath: e.DATABASE_PATH,
    personasDir: e.PERSONAS_DIR,
    outlineDir: e.OUTLINE_DIR,
    insightsCheckMs: e.INSIGHTS_CHECK_MS,
    defaultModel: e.DEFAULT_MODEL,
    models: [...new Set([e.DEFAULT_MODEL, ...models])],
    llm: {
      timeoutMs: e.LLM_TIMEOUT_MS,
      idleTimeoutMs: e.LLM_IDLE_TIMEOUT_MS,
      maxRetries: e.LLM_MAX_RETRIES,
      maxOutputTokens: e.MAX_OUTPUT_TOKENS,
      contextBudgetTokens: e.CONTEXT_BUDGET_TOKENS,
    },
    votes: { minVotes: e.VOTE_MIN_VOTES, dailyCap: e.VOTE_DAILY_CAP, minMemberMinutes: e.VOTE_MIN_MEMBER_MINUTES, minAccountDays: e.VOTE_MIN_ACCOUNT_DAYS, reconcileDays: e.VOTE_RECONCILE_DAYS, reconcileLimit: e.VOTE_RECONCILE_LIMIT },
    duels: { minBattles: e.DUEL_MIN_BATTLES, bootstrapRounds: e.DUEL_BOOTSTRAP_ROUNDS },
    probes: { dir: e.PROBES_DIR, judgeModel: e.JUDGE_MODEL ?? e.DEFAULT_MODEL, concurrency: e.PROBE_CONCURRENCY, pricesFile: e.PRICES_FILE },
    logLevel: e.LOG_LEVEL,
  });
}
