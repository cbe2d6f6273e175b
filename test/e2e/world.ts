import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDiscordEmulator, type DiscordEmulator } from "../emulator/index.js";
import { startFakeAnthropic, startFakeOpenAI, type FakeLLMServer } from "../fakes/index.js";
import { deployCommands, startBotProcess, type BotProcess } from "./botProcess.js";

/**
 * A whole world for end-to-end tests: the Discord emulator with a server, a channel and
 * two members; fake Anthropic and OpenAI servers; and the real bot as a child process.
 */
export interface World {
  emu: DiscordEmulator;
  anthropic: FakeLLMServer;
  openai: FakeLLMServer;
  guildId: string;
  channelId: string;
  alice: { id: string };
  bob: { id: string };
  env: Record<string, string>;
  dir: string;
  bot: BotProcess;
  /** Stops the bot and starts it again on the same database. */
  restartBot(): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(options: {
  env?: Record<string, string>;
  emulator?: Parameters<typeof startDiscordEmulator>[0];
  /** Runs once the server, channel and members exist and before the bot starts, with the database path; returns extra environment. */
  prepare?: (world: { alice: { id: string }; bob: { id: string }; guildId: string; channelId: string; databasePath: string }) => Record<string, string>;
} = {}): Promise<World> {
  const [emu, anthropic, openai] = await Promise.all([startDiscordEmulator(options.emulator), startFakeAnthropic(), startFakeOpenAI()]);
  const guild = emu.createGuild({ name: "Persona Lab" });
  const channel = emu.createTextChannel(guild.id, { name: "persona-tests" });
  const alice = emu.createUser({ username: "alice" });
  const bob = emu.createUser({ username: "bob" });
  emu.addMember(guild.id, alice.id);
  emu.addMember(guild.id, bob.id);
  const dir = mkdtempSync(join(tmpdir(), "personalab-e2e-"));
  const env: Record<string, string> = {
    DISCORD_TOKEN: emu.token,
    DISCORD_API_BASE_URL: emu.apiBaseUrl,
    ANTHROPIC_API_KEY: anthropic.apiKey,
    ANTHROPIC_BASE_URL: anthropic.baseUrl,
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.baseUrl,
    DATABASE_PATH: join(dir, "personalab.sqlite"),
    PERSONAS_DIR: "personas",
    DEFAULT_MODEL: "anthropic/claude-sonnet-5-5",
    LLM_MAX_RETRIES: "0",
    LLM_IDLE_TIMEOUT_MS: "1500",
    MAX_OUTPUT_TOKENS: "4096",
    LOG_LEVEL: "info",
    ...options.env,
    ...options.prepare?.({ alice, bob, guildId: guild.id, channelId: channel.id, databasePath: join(dir, "personalab.sqlite") }),
  };
  // "PLACEHOLDER" in LLM_PROVIDERS stands for a compatible endpoint served by the fake OpenAI server.
  if (env.LLM_PROVIDERS === "PLACEHOLDER") {
    env.LLM_PROVIDERS = `local=${openai.baseUrl}`;
    env.LOCAL_API_KEY = openai.apiKey;
  }
  await deployCommands(env, guild.id);
  const world: World = {
    emu, anthropic, openai, guildId: guild.id, channelId: channel.id, alice, bob, env, dir,
    bot: await startBotProcess(env),
    async restartBot() {
      await world.bot.stop();
      world.bot = await startBotProcess(env);
    },
    async close() {
      await world.bot.stop();
      await Promise.all([emu.close(), anthropic.close(), openai.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}
