/**
 * `npm run bench:chat` — the bot's own overhead per message, and 200 concurrent thread
 * conversations, against the loopback Discord emulator and the fake Anthropic server.
 *
 * Overhead is measured from outside the bot, so it also includes loopback transit:
 *  - event → LLM request: from the emulator dispatching MESSAGE_CREATE to the fake LLM
 *    receiving the request;
 *  - first token → Discord: from the fake LLM sending the first token to the emulator
 *    receiving the message post.
 * Every loop here is bounded and the script exits by itself.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { startDiscordEmulator } from "../test/emulator/index.js";
import { startFakeAnthropic } from "../test/fakes/index.js";
import { BOT_ENTRY, deployCommands } from "../test/e2e/botProcess.js";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "200" },
    threads: { type: "string", default: "200" },
    turns: { type: "string", default: "3" },
    "tokens-per-second": { type: "string", default: "60" },
    "reply-tokens": { type: "string", default: "120" },
  },
});
const MESSAGES = Number(values.messages);
const THREADS = Number(values.threads);
const TURNS = Number(values.turns);
const TOKENS_PER_SECOND = Number(values["tokens-per-second"]);
const REPLY_TOKENS = Number(values["reply-tokens"]);
/** Threads share a parent channel (and so a webhook) in groups of this size. */
const THREADS_PER_CHANNEL = 4;
const DEADLINE_MS = 10 * 60_000;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil<T>(what: string, check: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = check();
    if (v) return v;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Peak resident set of a process, from the kernel's high-water mark. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"))!;
  return Number(line.replace(/\D+/g, "")) / 1024;
}

async function main() {
  const hardStop = setTimeout(() => {
    console.error("benchmark exceeded its time limit");
    process.exit(1);
  }, DEADLINE_MS);
  hardStop.unref();

  const emu = await startDiscordEmulator();
  const llm = await startFakeAnthropic();
  const guild = emu.createGuild({ name: "Bench" });
  const users = Array.from({ length: 8 }, (_, i) => emu.createUser({ username: `member${i}` }));
  for (const u of users) emu.addMember(guild.id, u.id);
  const channels = Array.from({ length: Math.max(Math.ceil(THREADS / THREADS_PER_CHANNEL), 40) }, (_, i) => emu.createTextChannel(guild.id, { name: `bench-${i}` }));
  const dir = mkdtempSync(join(tmpdir(), "personalab-bench-"));
  const env = {
    DISCORD_TOKEN: emu.token, DISCORD_API_BASE_URL: emu.apiBaseUrl,
    ANTHROPIC_API_KEY: llm.apiKey, ANTHROPIC_BASE_URL: llm.baseUrl,
    DATABASE_PATH: join(dir, "bench.sqlite"), PERSONAS_DIR: "personas", LOG_LEVEL: "warn", LLM_MAX_RETRIES: "2",
  };
  await deployCommands(env, guild.id);

  // The bot as `npm start` runs it (the npm script builds first); debug logs carry its own timing figures.
  const bot = spawn(process.execPath, BOT_ENTRY, { env: { ...process.env, ...env, LOG_LEVEL: "debug" }, stdio: ["ignore", "pipe", "inherit"] });
  const timings: { eventToRequestMs: number; firstTokenToPostMs: number }[] = [];
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: bot.stdout! }).on("line", (l) => {
      if (l.includes('"bot ready"')) resolve();
      else if (l.includes('"reply timing"')) timings.push(JSON.parse(l) as (typeof timings)[number]);
    });
    bot.once("exit", (c) => reject(new Error(`bot exited with ${c}`)));
  });

  const openThread = async (channelId: string, userId: string): Promise<string> => {
    const before = new Set(emu.threads(channelId).map((t) => t.id));
    const interaction = emu.invokeSlashCommand({
      guildId: guild.id, channelId, userId, name: "persona",
      options: [{ type: 1, name: "try", options: [{ type: 3, name: "persona", value: "hhh-baseline" }] }],
    });
    await interaction.waitForResponse(5000);
    return waitUntil("thread", () => emu.threads(channelId).find((t) => !before.has(t.id))?.id, 30_000);
  };

  // Phase 1: overhead, one message at a time, round-robin over threads in different channels, paced at
  // 10 messages/s: each message costs the bot three REST calls (typing, post, final edit), and discord.js
  // holds every bot to Discord's global 50 requests/s, which would otherwise show up here as waiting.
  const latencyThreads: { threadId: string; userId: string }[] = [];
  for (let i = 0; i < 40; i++) latencyThreads.push({ threadId: await openThread(channels[i]!.id, users[i % users.length]!.id), userId: users[i % users.length]!.id });
  await waitUntil("greetings", () => latencyThreads.every((t) => emu.messages(t.threadId).length >= 1), 30_000);

  const toRequest: number[] = [];
  const toPost: number[] = [];
  llm.setHandler(() => ({ text: "Noted." }));
  for (let i = 0; i < MESSAGES + 10; i++) {
    const { threadId, userId } = latencyThreads[i % latencyThreads.length]!;
    const posts = emu.requests.length;
    const requests = llm.requests.length;
    let firstTokenAt = 0;
    const onFirst = (_: unknown, at: number) => (firstTokenAt = at);
    llm.once("firstToken", onFirst);
    const sentAt = performance.now();
    await emu.sendMessage({ channelId: threadId, userId, content: `bench message ${i}` });
    const request = await waitUntil("LLM request", () => llm.requests[requests], 10_000);
    const post = await waitUntil("reply post", () => emu.requests.slice(posts).find((r) => r.method === "POST" && r.path.includes("/webhooks/") && r.status < 300), 10_000);
    await waitUntil("reply stored", () => emu.requests.slice(posts).some((r) => r.method === "PATCH"), 10_000);
    if (i >= 10) {
      // The first ten warm up the JIT, the webhooks and the prepared statements.
      toRequest.push(request.receivedAt - sentAt);
      toPost.push(post.at - firstTokenAt);
    }
    await sleep(Math.max(0, 100 - (performance.now() - sentAt)));
  }
  await waitUntil("timing logs", () => timings.length >= MESSAGES + 10, 10_000);
  const inBot = timings.slice(10, MESSAGES + 10);

  // Phase 2: many conversations at once at a realistic token rate.
  llm.setHandler(() => ({ text: "word ".repeat(REPLY_TOKENS).trim(), firstTokenDelayMs: 400, tokensPerSecond: TOKENS_PER_SECOND }));
  const threadIds: { threadId: string; userId: string }[] = [];
  for (let i = 0; i < THREADS; i++) {
    const userId = users[i % users.length]!.id;
    threadIds.push({ threadId: await openThread(channels[Math.floor(i / THREADS_PER_CHANNEL)]!.id, userId), userId });
  }
  const hitsBefore = emu.rateLimitHits.length;
  const started = performance.now();
  let completed = 0;
  await Promise.all(
    threadIds.map(async ({ threadId, userId }) => {
      for (let turn = 0; turn < TURNS; turn++) {
        const replies = () => emu.messages(threadId).filter((m) => m.webhook_id && !m.content.endsWith("▌")).length;
        const before = replies();
        await emu.sendMessage({ channelId: threadId, userId, content: `turn ${turn}: tell me something` });
        await waitUntil(`reply in ${threadId}`, () => replies() > before && emu.messages(threadId).filter((m) => m.webhook_id).every((m) => !m.content.endsWith("▌")), 240_000);
        completed++;
      }
    }),
  );
  const wall = performance.now() - started;
  const hits = emu.rateLimitHits.slice(hitsBefore);
  const rss = peakRssMb(bot.pid!);

  console.log(`bench:chat — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
  console.log(`bot's own overhead over ${inBot.length} messages (measured inside the bot):`);
  console.log(`  event received → LLM request sent:    p50 ${fmt(percentile(inBot.map((t) => t.eventToRequestMs), 50))}  p99 ${fmt(percentile(inBot.map((t) => t.eventToRequestMs), 99))}`);
  console.log(`  first token → Discord post sent:      p50 ${fmt(percentile(inBot.map((t) => t.firstTokenToPostMs), 50))}  p99 ${fmt(percentile(inBot.map((t) => t.firstTokenToPostMs), 99))}`);
  console.log(`the same seen from outside the bot (gateway, HTTP and discord.js's REST queue included):`);
  console.log(`  event dispatched → LLM request received: p50 ${fmt(percentile(toRequest, 50))}  p99 ${fmt(percentile(toRequest, 99))}`);
  console.log(`  first token sent → Discord post received: p50 ${fmt(percentile(toPost, 50))}  p99 ${fmt(percentile(toPost, 99))}`);
  console.log(`${THREADS} concurrent threads × ${TURNS} turns, ${REPLY_TOKENS} tokens per reply at ${TOKENS_PER_SECOND} tokens/s:`);
  console.log(`  completed ${completed}/${THREADS * TURNS} replies in ${(wall / 1000).toFixed(1)} s; LLM streams at once: max ${llm.maxConcurrentStreams}`);
  const byRoute = new Map<string, number>();
  for (const h of hits) byRoute.set(h.route, (byRoute.get(h.route) ?? 0) + 1);
  const failed = emu.requests.filter((r) => r.status >= 400 && r.status !== 429);
  console.log(`  429s from the emulator: ${hits.length}${hits.length ? ` (${[...byRoute].map(([r, n]) => `${n} on ${r}`).join(", ")})` : ""}; requests that failed for good: ${failed.length}`);
  console.log(`  bot peak RSS: ${rss.toFixed(0)} MB`);

  bot.kill("SIGTERM");
  await new Promise((r) => bot.once("exit", r));
  await Promise.all([emu.close(), llm.close()]);
  rmSync(dir, { recursive: true, force: true });
  clearTimeout(hardStop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
