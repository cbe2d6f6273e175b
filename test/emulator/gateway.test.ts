import { afterEach, describe, expect, it } from "vitest";
import { ChannelType, Events, GatewayIntentBits, PermissionFlagsBits } from "discord.js";
import WebSocket from "ws";
import { startWorld, nextEvent, type TestWorld } from "./testkit.js";
import { startDiscordEmulator, type DiscordEmulator } from "./index.js";

let world: TestWorld | undefined;
let bare: DiscordEmulator | undefined;
afterEach(async () => {
  await world?.close();
  await bare?.close();
  world = bare = undefined;
});

describe("gateway", () => {
  it("a real discord.js client logs in, gets READY and the guild with channels, members and permissions", async () => {
    world = await startWorld();
    const client = await world.login();
    const guild = client.guilds.cache.get(world.guildId)!;
    expect(guild.available).toBe(true);
    expect(guild.channels.cache.get(world.channelId)?.type).toBe(ChannelType.GuildText);
    expect(guild.members.me?.id).toBe(world.emu.botUser.id);
    const perms = guild.channels.cache.get(world.channelId)!.permissionsFor(guild.members.me!);
    expect(perms.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(perms.has(PermissionFlagsBits.ManageWebhooks)).toBe(true);
    expect(client.application?.id).toBe(world.emu.applicationId);
    const ready = world.emu.dispatches.find((d) => d.t === "READY")!.d;
    expect(ready).toMatchObject({ v: 10, shard: [0, 1], guilds: [{ id: world.guildId, unavailable: true }] });
    expect(ready.resume_gateway_url).toBe(world.emu.gatewayUrl);
    expect(world.emu.requests.map((r) => r.route)).toContain("/gateway/bot");
  });

  it("closes with 4014 when a privileged intent is not enabled for the app, and login fails", async () => {
    world = await startWorld({ privilegedIntents: { messageContent: false } });
    const codes: number[] = [];
    await expect(world.login({ onClient: (c) => c.on(Events.ShardDisconnect, (e) => void codes.push(e.code)) })).rejects.toThrow(/disallowed intents/i);
    expect(codes).toEqual([4014]);
    // Server Members is off by default, as for a fresh application.
    await expect(world.login({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers] })).rejects.toThrow(/disallowed intents/i);
  });

  it("rejects a bad token on REST (401) and on IDENTIFY (4004), and acks heartbeats", async () => {
    bare = await startDiscordEmulator({ log: false });
    const res = await fetch(`${bare.apiBaseUrl}/v10/users/@me`, { headers: { Authorization: "Bot nope" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "401: Unauthorized", code: 0 });
    expect((await fetch(`${bare.apiBaseUrl}/v10/users/@me`)).status).toBe(401);

    const ws = new WebSocket(`${bare.gatewayUrl}/?v=10&encoding=json`);
    const received: { op: number }[] = [];
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.on("message", (raw) => {
      const p = JSON.parse(raw.toString());
      received.push(p);
      if (p.op === 10) ws.send(JSON.stringify({ op: 1, d: null }));
      if (p.op === 11) ws.send(JSON.stringify({ op: 2, d: { token: "wrong", intents: 1, properties: { os: "linux", browser: "x", device: "x" } } }));
    });
    expect(await closed).toBe(4004);
    expect(received.map((p) => p.op)).toEqual([10, 11]);
  });

  it("without the Message Content intent, content is empty unless the bot is mentioned", async () => {
    world = await startWorld();
    const { emu, channelId, alice } = world;
    const client = await world.login({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    const seen: string[] = [];
    client.on(Events.MessageCreate, (m) => void seen.push(m.content));
    await emu.sendMessage({ channelId, userId: alice.id, content: "secret words" });
    await emu.sendMessage({ channelId, userId: alice.id, content: `<@${emu.botUser.id}> hello bot` });
    await emu.waitFor(() => seen.length === 2);
    expect(seen).toEqual(["", `<@${emu.botUser.id}> hello bot`]);
  });

  it("filters dispatches by intents (no GuildMessages, no MESSAGE_CREATE)", async () => {
    world = await startWorld();
    const { emu, channelId, alice } = world;
    await world.login({ intents: [GatewayIntentBits.Guilds] });
    await emu.sendMessage({ channelId, userId: alice.id, content: "hi" });
    await new Promise((r) => setTimeout(r, 50));
    expect(emu.dispatches.filter((d) => d.t === "MESSAGE_CREATE")).toEqual([]);
  });

  it("after an outage the client resumes and receives what it missed", async () => {
    world = await startWorld();
    const { emu, channelId, alice } = world;
    const client = await world.login();
    emu.disconnectBot();
    await emu.waitFor(() => !emu.botConnected, { timeoutMs: 1000 });
    await emu.sendMessage({ channelId, userId: alice.id, content: "sent while you were away" });
    const got = await nextEvent(client, Events.MessageCreate, (m) => m.content, 5000);
    expect(got).toBe("sent while you were away");
    expect(emu.dispatches.some((d) => d.t === "RESUMED")).toBe(true);
    expect(emu.dispatches.filter((d) => d.t === "READY")).toHaveLength(1);
  });
});
