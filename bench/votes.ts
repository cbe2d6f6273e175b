/**
 * `npm run bench:votes` — how fast reactions become committed votes, and how long the
 * leaderboard takes over a million votes.
 *
 *  1. The compiled bot against the Discord emulator: members react 👍/👎 to persona
 *     replies through the gateway as fast as the emulator sends them; the rate is counted
 *     from the first reaction to the last vote row committed in SQLite.
 *  2. A fresh database seeded with 1,000,000 votes over 1,000 variants: the time of the
 *     leaderboard query (all servers, and one server).
 * Every loop is bounded and the script exits by itself.
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { openStore } from "../src/store/index.js";
import { buildLeaderboard } from "../src/votes/leaderboard.js";
import { startDiscordEmulator } from "../test/emulator/index.js";
import { BOT_ENTRY, deployCommands } from "../test/e2e/botProcess.js";
import { startFakeAnthropic } from "../test/fakes/index.js";

const { values } = parseArgs({ options: { voters: { type: "string", default: "1000" }, replies: { type: "string", default: "20" }, votes: { type: "string", default: "1000000" } } });
const VOTERS = Number(values.voters);
const REPLIES = Number(values.replies);
const SEEDED = Number(values.votes);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function gatewayToRow(): Promise<{ votes: number; seconds: number; sent: number }> {
  const emu = await startDiscordEmulator();
  const llm = await startFakeAnthropic();
  const guild = emu.createGuild({ name: "Bench" });
  const channel = emu.createTextChannel(guild.id, { name: "votes" });
  const members = Array.from({ length: VOTERS }, (_, i) => emu.createUser({ username: `voter${i}` }));
  for (const m of members) emu.addMember(guild.id, m.id);
  const dir = mkdtempSync(join(tmpdir(), "personalab-votes-"));
  const env = {
    DISCORD_TOKEN: emu.token, DISCORD_API_BASE_URL: emu.apiBaseUrl, ANTHROPIC_API_KEY: llm.apiKey, ANTHROPIC_BASE_URL: llm.baseUrl,
    DATABASE_PATH: join(dir, "votes.sqlite"), PERSONAS_DIR: "personas", LOG_LEVEL: "warn",
  };
  await deployCommands(env, guild.id);
  const bot = spawn(process.execPath, BOT_ENTRY, { env: { ...process.env, ...env, LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: bot.stdout! }).on("line", (l) => l.includes('"bot ready"') && resolve());
    bot.once("exit", (c) => reject(new Error(`bot exited with ${c}`)));
  });
  try {
    const interaction = emu.invokeSlashCommand({ guildId: guild.id, channelId: channel.id, userId: members[0]!.id, name: "persona", options: [{ type: 1, name: "try", options: [{ type: 3, name: "persona", value: "lantern" }] }] });
    await interaction.waitForResponse(5000);
    const threadId = await until("thread", () => emu.threads(channel.id)[0]?.id, 10_000);
    const replies: string[] = [];
    for (let i = 0; i < REPLIES; i++) {
      llm.enqueue({ text: `Reply number ${i}.` });
      await emu.sendMessage({ channelId: threadId, userId: members[0]!.id, content: `question ${i}` });
      const reply = await until(`reply ${i}`, () => emu.messages(threadId).find((m) => m.content === `Reply number ${i}.` && (m.reactions?.length ?? 0) === 2), 20_000);
      replies.push(reply.id);
    }
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    const count = db.prepare("SELECT count(*) AS n FROM votes");
    const expected = VOTERS * REPLIES;
    const started = performance.now();
    for (let r = 0; r < REPLIES; r++) {
      for (let v = 0; v < VOTERS; v++) emu.addReaction({ channelId: threadId, messageId: replies[r]!, userId: members[v]!.id, emoji: (v + r) % 3 === 0 ? "👎" : "👍" });
      // Let the gateway socket drain between replies, so the emulator is not what we measure.
      await sleep(0);
    }
    const sent = (performance.now() - started) / 1000;
    await until("all votes committed", () => (count.get() as { n: number }).n >= expected, 120_000);
    const seconds = (performance.now() - started) / 1000;
    db.close();
    return { votes: expected, seconds, sent };
  } finally {
    bot.kill("SIGTERM");
    await new Promise((r) => bot.once("exit", r));
    await Promise.all([emu.close(), llm.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function leaderboardOverSeededVotes(): { seedSeconds: number; allMs: number[]; guildMs: number[] } {
  const dir = mkdtempSync(join(tmpdir(), "personalab-lb-"));
  const store = openStore(join(dir, "lb.sqlite"));
  const variants = 1000;
  const perVariant = Math.ceil(SEEDED / variants);
  const seedStart = performance.now();
  store.db.transaction(() => {
    const now = Date.now();
    const v = store.db.prepare(`INSERT INTO variants (id, name, family, origin, spec_json, source, created_at) VALUES (?, ?, ?, 'community', ?, '', ?)`);
    const s = store.db.prepare(`INSERT INTO sessions (thread_id, guild_id, channel_id, variant_id, model, created_by, created_at) VALUES (?, ?, 'c', ?, ?, 'u', ?)`);
    const m = store.db.prepare(`INSERT INTO messages (session_id, role, content, status, model, created_at) VALUES (?, 'assistant', 'r', 'complete', ?, ?)`);
    const vote = store.db.prepare(`INSERT INTO votes (message_id, voter_id, value, variant_id, model, guild_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < variants; i++) {
      const id = i.toString(16).padStart(64, "0");
      const model = i % 2 ? "anthropic/claude-sonnet-5-5" : "openai/gpt-4.1-mini";
      const guild = `guild${i % 10}`;
      v.run(id, `persona-${i}`, `family-${i % 50}`, JSON.stringify({ name: `persona-${i}`, displayName: `Persona ${i}`, description: "", tags: [], traits: {}, preamble: "", sections: [] }), now);
      const session = Number(s.run(`thread-${i}`, guild, id, model, now).lastInsertRowid);
      const message = Number(m.run(session, model, now).lastInsertRowid);
      const approval = random();
      for (let k = 0; k < perVariant; k++) vote.run(message, `voter-${k}`, random() < approval ? 1 : -1, id, model, guild, now, now);
    }
  })();
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const time = (guildId: string | null) =>
    Array.from({ length: 20 }, () => {
      const t = performance.now();
      buildLeaderboard(store, { guildId, minVotes: 10 });
      return performance.now() - t;
    }).sort((a, b) => a - b);
  const allMs = time(null);
  const guildMs = time("guild3");
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { seedSeconds, allMs, guildMs };
}

async function main() {
  const hardStop = setTimeout(() => {
    console.error("benchmark exceeded its time limit");
    process.exit(1);
  }, 10 * 60_000);
  hardStop.unref();
  const flow = await gatewayToRow();
  const lb = leaderboardOverSeededVotes();
  const peak = readFileSync("/proc/self/status", "utf8").match(/VmHWM:\s+(\d+)/)?.[1];
  console.log(`bench:votes — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
  console.log(`reactions through the gateway to committed vote rows: ${flow.votes} votes in ${flow.seconds.toFixed(2)} s = ${Math.round(flow.votes / flow.seconds)} votes/s (${VOTERS} members × ${REPLIES} replies; the emulator took ${flow.sent.toFixed(2)} s to send them)`);
  console.log(`leaderboard over ${SEEDED.toLocaleString("en")} votes, 1,000 variants (seeded in ${lb.seedSeconds.toFixed(1)} s):`);
  console.log(`  all servers: p50 ${lb.allMs[10]!.toFixed(2)} ms, max ${lb.allMs[19]!.toFixed(2)} ms over 20 queries`);
  console.log(`  one server:  p50 ${lb.guildMs[10]!.toFixed(2)} ms, max ${lb.guildMs[19]!.toFixed(2)} ms over 20 queries`);
  console.log(`(bench process peak RSS ${Math.round(Number(peak) / 1024)} MB)`);
  clearTimeout(hardStop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
