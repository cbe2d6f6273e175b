import { afterEach, describe, expect, it } from "vitest";
import { AttachmentBuilder, ChannelType, DiscordAPIError, Events, type TextChannel } from "discord.js";
import { startWorld, nextEvent, type TestWorld } from "./testkit.js";

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function readyWorld(options: Parameters<typeof startWorld>[0] = {}) {
  world = await startWorld(options);
  const client = await world.login();
  const channel = client.channels.cache.get(world.channelId) as TextChannel;
  return { w: world, emu: world.emu, client, channel };
}

describe("messages", () => {
  it("delivers a user's message and records the bot's reply", async () => {
    const { w, emu, client } = await readyWorld();
    client.on(Events.MessageCreate, async (m) => {
      if (!m.author.bot) await m.reply(`you said: ${m.content}`);
    });
    const sent = await emu.sendMessage({ channelId: w.channelId, userId: w.alice.id, content: "hello" });
    const reply = await emu.waitFor(() => emu.messages(w.channelId).find((m) => m.author.id === emu.botUser.id));
    expect(reply).toMatchObject({ content: "you said: hello", type: 19, message_reference: { message_id: sent.id } });
    expect(reply.referenced_message?.id).toBe(sent.id);
    const post = emu.requests.find((r) => r.method === "POST" && r.route === "/channels/:channel_id/messages")!;
    expect(post.status).toBe(200);
    expect(post.body).toMatchObject({ content: "you said: hello", allowed_mentions: { parse: [] } });
    expect(emu.pings).toEqual([]);
  });

  it("enforces content limits, empty messages and missing permissions with Discord's errors", async () => {
    const { w, emu, channel } = await readyWorld();
    const tooLong = await channel.send("x".repeat(2001)).catch((e: unknown) => e);
    expect(tooLong).toBeInstanceOf(DiscordAPIError);
    expect(tooLong).toMatchObject({ code: 50035, status: 400 });
    expect((tooLong as DiscordAPIError).rawError).toMatchObject({
      errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] } },
    });
    await expect(channel.send({ embeds: [{ title: "t".repeat(257) }] })).rejects.toMatchObject({ code: 50035 });
    await expect(channel.send({ embeds: [{ description: "d".repeat(4000) }, { description: "d".repeat(2001) }] })).rejects.toThrow(/6000/);
    await expect(w.clients[0]!.rest.post(`/channels/${w.channelId}/messages`, { body: { content: "   " } })).rejects.toMatchObject({ code: 50006 });
    await expect(w.clients[0]!.rest.post(`/channels/${"1".repeat(18)}/messages`, { body: { content: "x" } })).rejects.toMatchObject({ code: 10003, status: 404 });
    emu.setBotPermissions(w.guildId, ["ViewChannel", "ReadMessageHistory"]);
    await expect(channel.send("hi")).rejects.toMatchObject({ code: 50013, status: 403 });
  });

  it("paces a burst with rate-limit headers; discord.js completes it without 429s", async () => {
    const { w, emu, client, channel } = await readyWorld({ rateLimits: { messageCreate: { limit: 3, windowMs: 400 } } });
    const headers: Record<string, string | null>[] = [];
    client.rest.on("response", (req, res) => {
      if (req.method === "POST" && req.route === "/channels/:id/messages") {
        headers.push({ limit: res.headers.get("x-ratelimit-limit"), remaining: res.headers.get("x-ratelimit-remaining"), bucket: res.headers.get("x-ratelimit-bucket") });
      }
    });
    await Promise.all(Array.from({ length: 8 }, (_, i) => channel.send(`burst ${i}`)));
    expect(emu.messages(w.channelId).map((m) => m.content)).toEqual(Array.from({ length: 8 }, (_, i) => `burst ${i}`));
    expect(headers[0]).toMatchObject({ limit: "3", remaining: "2" });
    expect(new Set(headers.map((h) => h.bucket)).size).toBe(1);
    expect(emu.rateLimitHits.length).toBeLessThanOrEqual(1);
    const posts = emu.requests.filter((r) => r.route === "/channels/:channel_id/messages" && r.status === 200);
    expect(posts[6]!.at - posts[0]!.at).toBeGreaterThanOrEqual(750); // three windows of 400 ms
  });

  it("answers requests over the limit with a 429 and Discord's headers", async () => {
    const { w, emu } = await readyWorld({ rateLimits: { messageCreate: { limit: 1, windowMs: 1000 } } });
    const post = () => fetch(`${emu.apiBaseUrl}/v10/channels/${w.channelId}/messages`, {
      method: "POST", headers: { Authorization: `Bot ${emu.token}`, "Content-Type": "application/json" }, body: JSON.stringify({ content: "raw" }),
    });
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("x-ratelimit-scope")).toBe("user");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await limited.json()).toMatchObject({ message: "You are being rate limited.", global: false });
    expect(emu.rateLimitHits).toHaveLength(1);
  });

  it("enforces the per-token global limit with a global 429", async () => {
    world = await startWorld({ rateLimits: { global: { limit: 3, windowMs: 1000 } } });
    const { emu } = world;
    const get = () => fetch(`${emu.apiBaseUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${emu.token}` } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await get());
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(statuses[3]!.headers.get("x-ratelimit-global")).toBe("true");
    expect(statuses[3]!.headers.get("x-ratelimit-scope")).toBe("global");
    expect(await statuses[3]!.json()).toMatchObject({ global: true });
  });

  it("records reactions in the message and dispatches add/remove events", async () => {
    const { w, emu, client } = await readyWorld();
    const msg = await emu.sendMessage({ channelId: w.channelId, userId: w.alice.id, content: "react to me" });
    const cached = await emu.waitFor(() => (client.channels.cache.get(w.channelId) as TextChannel).messages.cache.get(msg.id));
    await cached.react("👍");
    expect(emu.message(w.channelId, msg.id)!.reactions).toMatchObject([{ emoji: { name: "👍", id: null }, count: 1, me: true }]);
    const added = nextEvent(client, Events.MessageReactionAdd, (r, u) => `${r.emoji.name} by ${u.id}`);
    emu.addReaction({ channelId: w.channelId, messageId: msg.id, userId: w.bob.id, emoji: "👍" });
    expect(await added).toBe(`👍 by ${w.bob.id}`);
    const removed = nextEvent(client, Events.MessageReactionRemove, (r, u) => `${r.emoji.name} by ${u.id}`);
    emu.removeReaction({ channelId: w.channelId, messageId: msg.id, userId: w.bob.id, emoji: "👍" });
    expect(await removed).toBe(`👍 by ${w.bob.id}`);
    await expect(cached.react("not-an-emoji")).rejects.toThrow();
    expect(emu.message(w.channelId, msg.id)!.reactions).toMatchObject([{ count: 1, me: true }]);
  });

  it("stores uploads and serves them; a user's attachment can be downloaded by the bot", async () => {
    const { w, emu, channel } = await readyWorld();
    const sent = await channel.send({ content: "file", files: [new AttachmentBuilder(Buffer.from("hello file"), { name: "a.txt" })] });
    expect(sent.attachments.first()?.name).toBe("a.txt");
    expect(await (await fetch(sent.attachments.first()!.url)).text()).toBe("hello file");
    const userMsg = await emu.sendMessage({ channelId: w.channelId, userId: w.alice.id, content: "", attachments: [{ filename: "b.md", contentType: "text/markdown", data: Buffer.from("# spec") }] });
    expect(await (await fetch(userMsg.attachments[0]!.url)).text()).toBe("# spec");
  });

  it("records would-be pings: allowed_mentions absent means everything parsed pings", async () => {
    const { w, emu, channel } = await readyWorld();
    await channel.send(`@everyone <@${w.alice.id}> (parse: [] from the client)`);
    expect(emu.pings).toEqual([]);
    await w.clients[0]!.rest.post(`/channels/${w.channelId}/messages`, { body: { content: `@here hi <@${w.bob.id}>` } });
    expect(emu.pings).toMatchObject([{ here: true, everyone: false, users: [w.bob.id], source: "channel" }]);
  });
});

describe("threads and webhooks", () => {
  it("creates a public thread, posts in it, and the client learns of it (THREAD_CREATE)", async () => {
    const { w, emu, client, channel } = await readyWorld();
    const created = nextEvent(client, Events.ThreadCreate, (t) => t.id);
    const thread = await channel.threads.create({ name: "talk", type: ChannelType.PublicThread });
    expect(await created).toBe(thread.id);
    await thread.send("inside");
    expect(emu.threads(w.channelId)).toMatchObject([{ id: thread.id, type: 11, parent_id: w.channelId, owner_id: emu.botUser.id, message_count: 1 }]);
    expect(emu.messages(thread.id).map((m) => m.content)).toEqual(["inside"]);
    expect(emu.messages(w.channelId).at(-1)).toMatchObject({ type: 18, content: "talk" });
    // Over raw REST, a thread without `type` is private, as on Discord: that needs Create Private Threads.
    const untyped = () => client.rest.post(`/channels/${w.channelId}/threads`, { body: { name: "no type" } }) as Promise<{ type: number }>;
    await expect(untyped()).rejects.toMatchObject({ code: 50013 });
    emu.setBotPermissions(w.guildId, ["ViewChannel", "SendMessages", "SendMessagesInThreads", "CreatePrivateThreads"]);
    expect((await untyped()).type).toBe(12);
  });

  it("webhooks: on the parent only, with rules on names and permissions; thread messages need thread_id", async () => {
    const { w, emu, channel } = await readyWorld();
    const thread = await channel.threads.create({ name: "hooks", type: ChannelType.PublicThread });
    await expect(w.clients[0]!.rest.post(`/channels/${thread.id}/webhooks`, { body: { name: "Persona" } })).rejects.toMatchObject({ status: 400 });
    await expect(channel.createWebhook({ name: "my discord hook" })).rejects.toMatchObject({ code: 50035 });
    const hook = await channel.createWebhook({ name: "Persona" });
    expect(hook.token).toBeTruthy();
    emu.createForeignWebhook(w.channelId, { name: "Someone else's" });
    const listed = await channel.fetchWebhooks();
    expect(listed.map((h) => [h.name, Boolean(h.token)])).toEqual([["Persona", true], ["Someone else's", false]]);

    const sent = await hook.send({ content: "as a persona", username: "Lantern", threadId: thread.id });
    expect(emu.messages(thread.id)).toMatchObject([{ content: "as a persona", webhook_id: hook.id, author: { username: "Lantern" } }]);
    await hook.editMessage(sent.id, { content: "edited", threadId: thread.id });
    expect(emu.message(thread.id, sent.id)!.content).toBe("edited");
    await expect(hook.editMessage(sent.id, { content: "no thread id" })).rejects.toMatchObject({ code: 10008, status: 404 });

    emu.setBotPermissions(w.guildId, ["ViewChannel", "SendMessages", "ReadMessageHistory"]);
    await expect(channel.createWebhook({ name: "Another" })).rejects.toMatchObject({ code: 50013 });
  });

  it("archived threads are read-only until a new message unarchives them; locked ones need Manage Threads", async () => {
    const { w, emu, client, channel } = await readyWorld();
    const thread = await channel.threads.create({ name: "old", type: ChannelType.PublicThread });
    const hook = await channel.createWebhook({ name: "Persona" });
    const mine = await thread.send("before archiving");
    const viaHook = await hook.send({ content: "hook", threadId: thread.id });
    const updated = nextEvent(client, Events.ThreadUpdate, (_old, t) => (t.archived ? t.id : undefined));
    emu.archiveThread(thread.id);
    expect(await updated).toBe(thread.id);
    await expect(mine.edit("after")).rejects.toMatchObject({ code: 50083 });
    await expect(hook.editMessage(viaHook.id, { content: "after", threadId: thread.id })).rejects.toMatchObject({ code: 50083 });
    await expect(client.rest.put(`/channels/${thread.id}/messages/${mine.id}/reactions/${encodeURIComponent("👍")}/@me`)).rejects.toMatchObject({ code: 50083 });
    await thread.send("this unarchives it");
    expect(emu.channel(thread.id)).toMatchObject({ thread_metadata: { archived: false } });
    await mine.edit("after");
    emu.archiveThread(thread.id, { locked: true });
    emu.setBotPermissions(w.guildId, ["ViewChannel", "SendMessages", "SendMessagesInThreads", "ReadMessageHistory"]);
    await expect(thread.send("locked")).rejects.toMatchObject({ code: 160005 });
  });
});
