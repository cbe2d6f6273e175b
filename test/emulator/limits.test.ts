import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordAPIError, REST, Routes } from "discord.js";
import { startDiscordEmulator, type DiscordEmulator } from "./index.js";

// Payload limits over real HTTP with discord.js's REST client (no gateway needed).
let emu: DiscordEmulator;
let rest: REST;
let channelId: string;
let guildId: string;
beforeEach(async () => {
  emu = await startDiscordEmulator({ log: false, rateLimits: false });
  guildId = emu.createGuild({ name: "Limits" }).id;
  channelId = emu.createTextChannel(guildId, { name: "limits" }).id;
  rest = new REST({ api: emu.apiBaseUrl }).setToken(emu.token);
});
afterEach(async () => emu.close());

const send = (body: unknown) => rest.post(Routes.channelMessages(channelId), { body }) as Promise<{ id: string }>;
const button = (id: string, label = "ok") => ({ type: 2, style: 1, custom_id: id, label });
const row = (...components: unknown[]) => ({ type: 1, components });

async function formError(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DiscordAPIError);
  expect((e as DiscordAPIError).code).toBe(50035);
  return (e as DiscordAPIError).message;
}

describe("message limits", () => {
  it("embeds: count, field sizes, footer and author, urls", async () => {
    expect(await formError(send({ embeds: Array.from({ length: 11 }, () => ({ title: "x" })) }))).toMatch(/embeds\[BASE_TYPE_MAX_LENGTH\]/);
    expect(await formError(send({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) }] }))).toMatch(/25 or fewer/);
    expect(await formError(send({ embeds: [{ fields: [{ name: "n".repeat(257), value: "v" }, { name: "n", value: "" }] }] })))
      .toMatch(/embeds\[0\]\.fields\[0\]\.name[\s\S]*embeds\[0\]\.fields\[1\]\.value/);
    expect(await formError(send({ embeds: [{ footer: { text: "f".repeat(2049) }, author: { name: "a".repeat(257) } }] }))).toMatch(/footer\.text[\s\S]*author\.name/);
    expect(await formError(send({ embeds: [{ title: "t", url: "ftp://example.com" }] }))).toMatch(/Scheme "ftp" is not supported/);
    await expect(send({ embeds: [{ title: "t", description: "d".repeat(4096) }] })).resolves.toBeTruthy();
  });

  it("components: rows, buttons per row, custom_id, labels, selects", async () => {
    const six = Array.from({ length: 6 }, (_, i) => row(button(`b${i}`)));
    expect(await formError(send({ components: six }))).toMatch(/components\[BASE_TYPE_MAX_LENGTH\]/);
    expect(await formError(send({ components: [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))] }))).toMatch(/between 1 and 5/);
    expect(await formError(send({ components: [row(button("x".repeat(101)))] }))).toMatch(/custom_id/);
    expect(await formError(send({ components: [row(button("a", "l".repeat(81)))] }))).toMatch(/label\[BASE_TYPE_MAX_LENGTH\]/);
    expect(await formError(send({ components: [row(button("dup")), row(button("dup"))] }))).toMatch(/COMPONENT_CUSTOM_ID_DUPLICATED/);
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `v${i}` }));
    expect(await formError(send({ components: [row({ type: 3, custom_id: "s", options })] }))).toMatch(/options/);
    expect(await formError(send({ components: [row({ type: 3, custom_id: "s", options: options.slice(0, 2) }, button("b"))] }))).toMatch(/maximum width/);
    await expect(send({ content: "fine", components: [row(button("a"), { type: 2, style: 5, url: "https://example.com", label: "link" })] })).resolves.toBeTruthy();
  });

  it("attachments, flags, allowed_mentions and empty messages", async () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from("x") }));
    expect(await formError(rest.post(Routes.channelMessages(channelId), { body: { content: "many" }, files }))).toMatch(/10 or fewer/);
    expect(await formError(send({ content: "eph", flags: 64 }))).toMatch(/flags/);
    expect(await formError(send({ content: "x", allowed_mentions: { parse: ["users"], users: ["1"] } }))).toMatch(/mutually exclusive/);
    await expect(send({})).rejects.toMatchObject({ code: 50006 });
    await expect(send({ content: "", embeds: [] })).rejects.toMatchObject({ code: 50006 });
    await expect(send({ content: "x", message_reference: { message_id: "123456789012345678" } })).rejects.toMatchObject({ code: 50035 });
    await expect(send({ content: "x", message_reference: { message_id: "123456789012345678", fail_if_not_exists: false } })).resolves.toBeTruthy();
  });

  it("Components V2 messages may not carry content or embeds", async () => {
    expect(await formError(send({ flags: 1 << 15, content: "legacy", components: [{ type: 10, content: "hi" }] }))).toMatch(/IS_COMPONENTS_V2/);
    await expect(send({ flags: 1 << 15, components: [{ type: 17, components: [{ type: 10, content: "inside" }] }] })).resolves.toBeTruthy();
  });
});

describe("application command validation", () => {
  const put = (body: unknown) => rest.put(Routes.applicationGuildCommands(emu.applicationId, guildId), { body });
  it("names, descriptions, option counts, choices", async () => {
    expect(await formError(put([{ name: "has space", description: "d" }]))).toMatch(/APPLICATION_COMMAND_INVALID_NAME/);
    expect(await formError(put([{ name: "x".repeat(33), description: "d" }]))).toMatch(/APPLICATION_COMMAND_INVALID_NAME/);
    expect(await formError(put([{ name: "ok", description: "d".repeat(101) }]))).toMatch(/description/);
    expect(await formError(put([{ name: "ok", description: "" }]))).toMatch(/description/);
    const many = Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: "d" }));
    expect(await formError(put([{ name: "ok", description: "d", options: many }]))).toMatch(/25 or fewer/);
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `v${i}` }));
    expect(await formError(put([{ name: "ok", description: "d", options: [{ type: 3, name: "o", description: "d", choices }] }]))).toMatch(/choices/);
    expect(await formError(put([{ name: "ok", description: "d", options: [{ type: 3, name: "o", description: "d", autocomplete: true, choices: choices.slice(0, 2) }] }]))).toMatch(/Autocomplete cannot be set/);
    expect(await formError(put([{ name: "ok", description: "d" }, { name: "ok", description: "again" }]))).toMatch(/must be unique/);
    await expect(put([{ name: "ok", description: "d", options: [{ type: 1, name: "sub", description: "d", options: [{ type: 3, name: "o", description: "d", required: true }] }] }])).resolves.toBeTruthy();
    expect(emu.commands(guildId).map((c) => c.name)).toEqual(["ok"]);
  });
});
