/** Helpers for the emulator's own tests: a small world and real discord.js clients logged into it. */
import { Client, Events, GatewayIntentBits, type ClientOptions } from "discord.js";
import { startDiscordEmulator, type DiscordEmulator, type EmulatorOptions } from "./index.js";

export const DEFAULT_INTENTS = [
  GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMessageReactions, GatewayIntentBits.GuildWebhooks,
];

export interface TestWorld {
  emu: DiscordEmulator;
  guildId: string;
  channelId: string;
  alice: { id: string };
  bob: { id: string };
  clients: Client[];
  /** Logs a real discord.js client in and resolves once it is ready. */
  login(opts?: { intents?: GatewayIntentBits[]; client?: Partial<ClientOptions>; onClient?: (c: Client) => void }): Promise<Client>;
  close(): Promise<void>;
}

export async function startWorld(options: EmulatorOptions = {}): Promise<TestWorld> {
  const emu = await startDiscordEmulator({ log: false, ...options });
  const guild = emu.createGuild({ name: "Emulator Test" });
  const channel = emu.createTextChannel(guild.id, { name: "general" });
  const alice = emu.createUser({ username: "alice" });
  const bob = emu.createUser({ username: "bob" });
  emu.addMember(guild.id, alice.id);
  emu.addMember(guild.id, bob.id);
  const clients: Client[] = [];
  return {
    emu, guildId: guild.id, channelId: channel.id, alice, bob, clients,
    async login(opts = {}) {
      const client = new Client({
        intents: opts.intents ?? DEFAULT_INTENTS, rest: { api: emu.apiBaseUrl }, allowedMentions: { parse: [] }, ...opts.client,
      });
      clients.push(client);
      opts.onClient?.(client);
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(emu.token);
      await ready;
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.destroy()));
      await emu.close();
    },
  };
}

/** Resolves with the first value `fn` produces for an event, within `timeoutMs`. */
export function nextEvent<T>(client: Client, event: string, fn: (...args: any[]) => T | undefined, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: unknown[]) => {
      const v = fn(...args);
      if (v === undefined) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(v);
    };
    client.on(event, listener);
  });
}
