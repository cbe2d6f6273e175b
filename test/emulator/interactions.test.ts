import { afterEach, describe, expect, it } from "vitest";
import {
  ActionRowBuilder, ButtonBuilder, ButtonStyle, DiscordAPIError, Events, MessageFlags, ModalBuilder, Routes,
  SlashCommandBuilder, TextInputBuilder, TextInputStyle, type Client, type Interaction,
} from "discord.js";
import { startWorld, type TestWorld } from "./testkit.js";

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const ask = new SlashCommandBuilder().setName("ask").setDescription("Ask something")
  .addStringOption((o) => o.setName("question").setDescription("The question").setRequired(true))
  .addStringOption((o) => o.setName("persona").setDescription("Who answers").setAutocomplete(true));

async function botWith(handler: (i: Interaction, client: Client) => Promise<void>, options: Parameters<typeof startWorld>[0] = {}) {
  world = await startWorld(options);
  const errors: unknown[] = [];
  const client = await world.login();
  client.on(Events.InteractionCreate, (i) => void handler(i, client).catch((e) => errors.push(e)));
  await client.application!.commands.set([ask.toJSON()], world.guildId);
  const invoke = (question = "why?") => world!.emu.invokeSlashCommand({
    guildId: world!.guildId, channelId: world!.channelId, userId: world!.alice.id, name: "ask", options: [{ name: "question", value: question }],
  });
  return { w: world, emu: world.emu, client, errors, invoke };
}

describe("application commands", () => {
  it("registers commands (bulk overwrite) and validates them like Discord", async () => {
    const { w, emu, client } = await botWith(async () => undefined);
    expect(emu.commands(w.guildId).map((c) => c.name)).toEqual(["ask"]);
    const bad = [{ name: "Ask", description: "x" }, { name: "ok", description: "y", options: [
      { type: 3, name: "later", description: "optional" }, { type: 3, name: "first", description: "required", required: true }] }];
    const err = (await client.rest.put(Routes.applicationCommands(emu.applicationId), { body: bad }).catch((e) => e)) as DiscordAPIError;
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect(err.code).toBe(50035);
    expect(err.message).toMatch(/0\.name\[APPLICATION_COMMAND_INVALID_NAME\]/);
    expect(err.message).toMatch(/Required options must be placed before non-required options/);
    expect(() => emu.invokeSlashCommand({ guildId: w.guildId, channelId: w.channelId, userId: w.alice.id, name: "nope" })).toThrow(/No registered command/);
    expect(() => emu.invokeSlashCommand({ guildId: w.guildId, channelId: w.channelId, userId: w.alice.id, name: "ask" })).toThrow(/required option "question"/);
  });
});

describe("interaction responses", () => {
  it("a deferred reply shows 'thinking' and is filled in by editing the original", async () => {
    const { emu, invoke } = await botWith(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await new Promise((r) => setTimeout(r, 50));
      await i.editReply(`answer to ${i.options.getString("question")}`);
    });
    const handle = invoke("life");
    const first = await handle.waitForResponse(2000);
    expect(first).toMatchObject({ kind: "callback", callbackType: 5 });
    expect(handle.ephemeral).toBe(true);
    const done = await emu.waitFor(() => handle.originalMessage()?.content ? handle.originalMessage() : undefined);
    expect(done.content).toBe("answer to life");
    expect(done.flags! & MessageFlags.Loading).toBe(0);
    expect(done.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(handle.responses.map((r) => r.kind)).toEqual(["callback", "editOriginal"]);
  });

  it("a reply after the deadline fails with 10062 Unknown interaction", async () => {
    const { emu, errors, invoke } = await botWith(async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((r) => setTimeout(r, 250));
      await i.reply("too late");
    }, { interactionDeadlineMs: 150 });
    const handle = invoke();
    await expect(handle.waitForResponse(2000)).rejects.toThrow(/did not respond/);
    await emu.waitFor(() => errors.length > 0);
    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect(errors[0]).toMatchObject({ code: 10062, status: 404 });
    expect(handle.expired).toBe(true);
    expect(handle.originalMessage()).toBeNull();
  });

  it("a second initial response fails with 40060; a follow-up before any response with 10015", async () => {
    const outcomes: unknown[] = [];
    const { emu, invoke } = await botWith(async (i, client) => {
      if (!i.isChatInputCommand()) return;
      outcomes.push(await client.rest.post(Routes.webhook(i.applicationId, i.token), { body: { content: "early" }, auth: false }).catch((e) => e));
      await i.reply({ content: "first", withResponse: true });
      outcomes.push(await client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: "second" } }, auth: false }).catch((e) => e));
      await i.followUp("a follow-up");
    });
    const handle = invoke();
    await handle.waitForResponse(2000);
    await emu.waitFor(() => handle.followUps().length === 1);
    expect(outcomes).toMatchObject([{ code: 10015, status: 404 }, { code: 40060, status: 400 }]);
    expect(handle.originalMessage()).toMatchObject({ content: "first", type: 20, interaction_metadata: { id: handle.id } });
    expect(handle.responses.map((r) => r.kind)).toEqual(["rejected", "callback", "rejected", "followUp"]);
  });

  it("autocomplete results are validated and readable", async () => {
    const { w, emu } = await botWith(async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      await i.respond(["lantern", "montaigne"].filter((n) => n.startsWith(typed)).map((n) => ({ name: n, value: n })));
    });
    const handle = emu.invokeAutocomplete({
      guildId: w.guildId, channelId: w.channelId, userId: w.alice.id, name: "ask",
      options: [{ name: "question", value: "q" }, { name: "persona", value: "lan", focused: true }],
    });
    await handle.waitForResponse(2000);
    expect(handle.autocompleteChoices).toEqual([{ name: "lantern", value: "lantern" }]);
  });

  it("buttons and modals: click, show a modal, submit it, update the message", async () => {
    const { w, emu, invoke } = await botWith(async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId("rate").setLabel("Rate").setStyle(ButtonStyle.Primary));
        await i.reply({ content: "rate me", components: [row] });
      } else if (i.isButton()) {
        const input = new TextInputBuilder().setCustomId("score").setLabel("Score").setStyle(TextInputStyle.Short).setMaxLength(2);
        await i.showModal(new ModalBuilder().setCustomId("rating").setTitle("Rating").addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)));
      } else if (i.isModalSubmit() && i.isFromMessage()) {
        await i.update({ content: `rated ${i.fields.getTextInputValue("score")}`, components: [] });
      }
    });
    const command = invoke();
    await command.waitForResponse(2000);
    const message = command.originalMessage()!;
    const click = emu.clickButton({ channelId: w.channelId, messageId: message.id, userId: w.alice.id, customId: "rate" });
    await click.waitForResponse(2000);
    expect(click.modal).toMatchObject({ custom_id: "rating", title: "Rating" });
    expect(() => emu.submitModal({ interaction: click, fields: { score: "100" } })).toThrow(/0-2 characters/);
    const submit = emu.submitModal({ interaction: click, fields: { score: "9" } });
    await submit.waitForResponse(2000);
    expect(emu.message(w.channelId, message.id)).toMatchObject({ content: "rated 9", components: [] });
  });

  it("rejects oversized autocomplete results and modals (50035)", async () => {
    const results: unknown[] = [];
    const { w, emu, invoke } = await botWith(async (i, client) => {
      if (i.isAutocomplete()) {
        results.push(await i.respond(Array.from({ length: 26 }, (_, n) => ({ name: `c${n}`, value: `v${n}` }))).catch((e) => e));
      } else if (i.isChatInputCommand()) {
        // Raw, because discord.js's builders already refuse a 46-character title client-side.
        const modal = { custom_id: "m", title: "t".repeat(46), components: [{ type: 1, components: [{ type: 4, custom_id: "t", label: "Label", style: 1 }] }] };
        results.push(await client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: 9, data: modal }, auth: false }).catch((e) => e));
      }
    });
    emu.invokeAutocomplete({ guildId: w.guildId, channelId: w.channelId, userId: w.alice.id, name: "ask", options: [{ name: "persona", value: "", focused: true }] });
    const command = invoke();
    await emu.waitFor(() => results.length === 2);
    expect(results).toMatchObject([{ code: 50035 }, { code: 50035 }]);
    expect(String((results[1] as Error).message)).toMatch(/data\.title/);
    expect(command.acknowledged).toBe(false);
  });

  it("with_response returns the callback resource with the message", async () => {
    const results: unknown[] = [];
    const { emu, invoke } = await botWith(async (i) => {
      if (!i.isChatInputCommand()) return;
      const res = await i.reply({ content: "with response", withResponse: true });
      results.push(res.resource?.message?.content);
    });
    await invoke().waitForResponse(2000);
    await emu.waitFor(() => results.length === 1);
    expect(results).toEqual(["with response"]);
  });
});
