import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** What `npm start` runs after its build step (see package.json); test/globalSetup.ts builds once. */
export const BOT_ENTRY = ["--enable-source-maps", "dist/src/main.js"];
const DEPLOY_ENTRY = ["dist/src/discord/deployCommands.js"];

export interface BotProcess {
  child: ChildProcess;
  /** Every JSON log line the bot printed. */
  logs: Record<string, unknown>[];
  stderr: string[];
  stop(): Promise<void>;
}

/**
 * Starts the bot exactly as `npm start` does (node dist/src/main.js), with the given
 * environment, and resolves once it logs "bot ready".
 */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const child = spawn(process.execPath, BOT_ENTRY, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (l) => stderr.push(l));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot not ready after ${timeoutMs} ms\n${stderr.join("\n")}\n${logs.map((l) => JSON.stringify(l)).join("\n")}`)), timeoutMs);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === "bot ready") {
          clearTimeout(timer);
          resolve();
        }
      } catch {
        stderr.push(line);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before it was ready\n${stderr.join("\n")}`));
    });
  });
  await ready;
  return {
    child,
    logs,
    stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** Runs what `npm run deploy-commands` runs (node dist/src/discord/deployCommands.js) and resolves with its output. */
export function deployCommands(env: Record<string, string>, guildId?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...DEPLOY_ENTRY, ...(guildId ? ["--guild", guildId] : [])], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`deploy-commands exited with ${code}: ${out}`))));
  });
}
