import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "./world.js";

let world: World;
beforeAll(async () => {
  world = await startWorld({
    // One OpenAI-compatible endpoint ("local", like an Ollama) and no OpenAI key: both paths are exercised.
    env: { OPENAI_API_KEY: "", LLM_PROVIDERS: "PLACEHOLDER" },
  });
}, 60_000);
afterAll(async () => world?.close());

const threads = () => world.emu.threads(world.channelId);
/** Persona replies: webhook messages, not interaction replies (which carry the application id as webhook_id). */
const personaMessages = (threadId: string) => world.emu.messages(threadId).filter((m) => m.webhook_id && m.webhook_id !== world.emu.applicationId);
/** Messages from the bot itself (cards, notices), not from personas or members. */
const botMessages = (threadId: string) => world.emu.messages(threadId).filter((m) => !m.webhook_id && m.author.id === world.emu.botUser.id);

async function tryPersona(options: Record<string, string>, userId = world.alice.id) {
  const interaction = world.emu.invokeSlashCommand({
    guildId: world.guildId, channelId: world.channelId, userId, name: "persona",
    options: [{ type: 1, name: "try", options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value })) }],
  });
  await interaction.waitForResponse(5000);
  return interaction;
}

function storedTurns(threadId: string) {
  const db = new Database(world.env.DATABASE_PATH!, { readonly: true });
  try {
    return db
      .prepare(`SELECT m.role, m.content, m.status, m.output_tokens FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.thread_id = ? ORDER BY m.id`)
      .all(threadId) as { role: string; content: string; status: string; output_tokens: number | null }[];
  } finally {
    db.close();
  }
}

describe("a persona conversation, end to end", () => {
  let threadId: string;

  it("/persona try opens a public thread with the card and the greeting", async () => {
    const before = threads().length;
    const interaction = await tryPersona({ persona: "lantern" });
    await world.emu.waitFor(() => threads().length > before && personaMessages(threads().at(-1)!.id).length > 0, { timeoutMs: 5000 });
    const thread = threads().at(-1)!;
    threadId = thread.id;
    expect(thread.type).toBe(11);
    expect(thread.name).toBe("Lantern · claude-sonnet-5-5");
    const [card] = world.emu.messages(threadId);
    expect(card!.embeds[0]).toMatchObject({ title: "Lantern", fields: expect.arrayContaining([expect.objectContaining({ name: "Variant", value: expect.stringMatching(/^`lantern@[0-9a-f]{8}`$/) })]) });
    const greeting = personaMessages(threadId)[0]!;
    expect(greeting.author.username).toBe("Lantern");
    expect(greeting.content.length).toBeGreaterThan(20);
    const reply = await world.emu.waitFor(() => interaction.originalMessage()?.content ? interaction.originalMessage() : undefined, { timeoutMs: 5000 });
    expect(reply!.content).toContain(`<#${threadId}>`);
    expect(reply!.flags! & 64).toBe(64);
  });

  it("streams a reply: it appears early and is edited as text arrives", async () => {
    const text = "A lantern does not argue with the dark. It just shows you the next few steps, and that is usually enough to walk by. ".repeat(2);
    world.anthropic.enqueue({ text, tokensPerSecond: 40, firstTokenDelayMs: 50 });
    const before = personaMessages(threadId).length;
    world.emu.sendMessage({ channelId: threadId, userId: world.alice.id, content: "What are you, exactly?" });
    const posted = await world.emu.waitFor(() => personaMessages(threadId)[before], { timeoutMs: 5000 });
    // The first version is shown while the model is still writing.
    expect(posted.content.length).toBeLessThan(text.trim().length);
    await world.emu.waitFor(() => world.emu.message(threadId, posted.id)?.content === text.trim(), { timeoutMs: 10_000 });
    const edits = world.emu.requests.filter((r) => r.method === "PATCH" && r.path.includes(`/messages/${posted.id}`));
    expect(edits.length).toBeGreaterThanOrEqual(1);
    const request = world.anthropic.requests.at(-1)!;
    expect(request.system).toContain("# Lantern");
    expect(request.messages.at(-1)).toEqual({ role: "user", content: "What are you, exactly?" });
    await world.emu.waitFor(() => storedTurns(threadId).at(-1)?.role === "assistant", { timeoutMs: 5000 });
    expect(storedTurns(threadId).at(-1)).toMatchObject({ role: "assistant", content: text, status: "complete" });
  });

  it("answers a follow-up from another member with the thread's history", async () => {
    world.emu.sendMessage({ channelId: threadId, userId: world.bob.id, content: "And do you remember what she asked?" });
    await world.emu.waitFor(() => world.anthropic.requests.at(-1)?.messages.at(-1)?.content.includes("remember what she asked"), { timeoutMs: 5000 });
    const { messages } = world.anthropic.requests.at(-1)!;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    expect(messages[2]!.content).toBe("[alice] What are you, exactly?");
    expect(messages[4]!.content).toBe("[bob] And do you remember what she asked?");
    await world.emu.waitFor(() => storedTurns(threadId).filter((t) => t.role === "assistant").length === 3, { timeoutMs: 5000 });
  });

  it("keeps the history across a restart of the bot", async () => {
    await world.restartBot();
    world.emu.sendMessage({ channelId: threadId, userId: world.alice.id, content: "Still there after the restart?" });
    await world.emu.waitFor(() => world.anthropic.requests.at(-1)?.messages.at(-1)?.content.includes("after the restart"), { timeoutMs: 10_000 });
    const { messages } = world.anthropic.requests.at(-1)!;
    expect(messages).toHaveLength(7);
    expect(messages[2]!.content).toBe("[alice] What are you, exactly?");
    await world.emu.waitFor(() => storedTurns(threadId).filter((t) => t.role === "assistant").length === 4, { timeoutMs: 5000 });
    expect(storedTurns(threadId).filter((t) => t.role === "user").every((t) => t.status === "answered")).toBe(true);
  });

  it("says when a model call fails, keeps the message, and answers on Retry", async () => {
    world.anthropic.enqueue({ fault: { kind: "http", status: 529 } });
    world.emu.sendMessage({ channelId: threadId, userId: world.alice.id, content: "Are you overloaded?" });
    const notice = await world.emu.waitFor(() => botMessages(threadId).find((m) => m.content.includes("overloaded")), { timeoutMs: 5000 });
    expect(notice.content).toContain("Your message is kept");
    expect(storedTurns(threadId).at(-1)).toMatchObject({ role: "user", content: "Are you overloaded?", status: "failed" });
    const button = notice.components[0]!.components[0]! as { custom_id: string; label: string };
    expect(button.label).toBe("Retry");
    world.anthropic.enqueue({ text: "Not any more. You asked whether I was overloaded." });
    const click = world.emu.clickButton({ channelId: threadId, messageId: notice.id, userId: world.alice.id, customId: button.custom_id });
    await click.waitForResponse(3000);
    await world.emu.waitFor(() => personaMessages(threadId).some((m) => m.content.startsWith("Not any more")), { timeoutMs: 5000 });
    expect(world.anthropic.requests.at(-1)!.messages.at(-1)!.content).toBe("[alice] Are you overloaded?");
    await world.emu.waitFor(() => storedTurns(threadId).at(-1)?.role === "assistant", { timeoutMs: 5000 });
    expect(storedTurns(threadId).filter((t) => t.status === "failed")).toEqual([]);
  });

  it("marks a reply cut midway and never stores it as a finished turn", async () => {
    world.anthropic.enqueue({ text: "This reply will be cut off somewhere in the middle of its sentence.", fault: { kind: "cut", afterTokens: 4 } });
    const before = storedTurns(threadId).length;
    world.emu.sendMessage({ channelId: threadId, userId: world.alice.id, content: "Tell me a long story." });
    await world.emu.waitFor(() => botMessages(threadId).find((m) => m.content.includes("cut off before the model finished")), { timeoutMs: 5000, description: "the notice" });
    await world.emu.waitFor(() => personaMessages(threadId).find((m) => m.content.includes("reply interrupted")), { timeoutMs: 5000, description: "the partial reply, marked" });
    const turns = storedTurns(threadId);
    expect(turns).toHaveLength(before + 1);
    expect(turns.at(-1)).toMatchObject({ role: "user", status: "failed" });
  });

  it("splits a long reply without breaking its code block", async () => {
    const code = Array.from({ length: 120 }, (_, i) => `    step_${i}();  // do the ${i}th thing`).join("\n");
    world.anthropic.enqueue({ text: `Here is the whole program:\n\n\`\`\`python\n${code}\n\`\`\`\n\nThat is all.` });
    const before = personaMessages(threadId).length;
    world.emu.sendMessage({ channelId: threadId, userId: world.alice.id, content: "Show me the program." });
    await world.emu.waitFor(() => storedTurns(threadId).at(-1)?.content.endsWith("That is all."), { timeoutMs: 10_000 });
    const parts = personaMessages(threadId).slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) {
      expect(p.content.length).toBeLessThanOrEqual(2000);
      expect(p.content.split("\n").filter((l) => l.trim().startsWith("```")).length % 2).toBe(0);
    }
    expect(parts[1]!.content.startsWith("```python")).toBe(true);
  });

  it("never lets model output ping anyone", async () => {
    world.anthropic.enqueue({ text: `@everyone look! @here too, <@&${world.guildId}> and <@${world.bob.id}>` });
    world.emu.sendMessage({ channelId: threadId, userId: world.alice.id, content: "Ping everyone for me." });
    await world.emu.waitFor(() => personaMessages(threadId).find((m) => m.content.startsWith("@everyone look")), { timeoutMs: 5000 });
    await world.emu.waitFor(() => storedTurns(threadId).at(-1)?.role === "assistant", { timeoutMs: 5000 });
    expect(world.emu.pings).toEqual([]);
  });

  it("talks on an OpenAI-compatible endpoint, with the spec's temperature", async () => {
    world.openai.enqueue({ text: "Hello from a local model." });
    await tryPersona({ persona: "candid-scientist", model: "local/llama3.2", message: "Is my perpetual motion idea sound?" });
    await world.emu.waitFor(() => world.openai.requests.length > 0 && world.emu.messages(threads().at(-1)!.id).some((m) => m.content === "Hello from a local model."), { timeoutMs: 8000 });
    const thread = threads().at(-1)!;
    expect(thread.name).toBe("Dr. Ines Calloway · llama3.2");
    expect(world.openai.requests.at(-1)!.messages.at(-1)!.content).toBe("Is my perpetual motion idea sound?");
    expect(world.openai.requests.at(-1)!.model).toBe("llama3.2");
  });
});

describe("bad input", () => {
  it("answers an unknown persona privately, suggesting /persona list", async () => {
    const interaction = await tryPersona({ persona: "lanternn" });
    const reply = await world.emu.waitFor(() => interaction.originalMessage()?.content ? interaction.originalMessage() : undefined, { timeoutMs: 3000 });
    expect(reply!.content).toMatch(/no persona called `lanternn`.*Did you mean `lantern`/s);
    expect(reply!.flags! & 64).toBe(64);
  });

  it("names the missing key when a provider is not set up", async () => {
    const interaction = await tryPersona({ persona: "lantern", model: "openai/gpt-4.1-mini" });
    const reply = await world.emu.waitFor(() => interaction.originalMessage()?.content ? interaction.originalMessage() : undefined, { timeoutMs: 3000 });
    expect(reply!.content).toContain("no OPENAI_API_KEY");
  });

  it("refuses /persona try inside a thread", async () => {
    const thread = threads()[0]!;
    const interaction = world.emu.invokeSlashCommand({
      guildId: world.guildId, channelId: thread.id, userId: world.alice.id, name: "persona",
      options: [{ type: 1, name: "try", options: [{ type: 3, name: "persona", value: "lantern" }] }],
    });
    await interaction.waitForResponse(3000);
    expect(interaction.originalMessage()!.content).toMatch(/text channel/);
  });
});

describe("browsing personas", () => {
  it("autocompletes persona names", async () => {
    const interaction = world.emu.invokeAutocomplete({
      guildId: world.guildId, channelId: world.channelId, userId: world.alice.id, name: "persona",
      options: [{ type: 1, name: "try", options: [{ type: 3, name: "persona", value: "cand", focused: true }] }],
    });
    await interaction.waitForResponse(3000);
    const values = interaction.autocompleteChoices!.map((c) => c.value);
    // Names that match come first; tags match too ("candid" is a tag of other personas).
    expect(values[0]).toBe("candid-scientist");
    expect(values).not.toContain("hhh-baseline");
  });

  it("/persona list shows every shipped persona with its variant", async () => {
    const interaction = world.emu.invokeSlashCommand({ guildId: world.guildId, channelId: world.channelId, userId: world.alice.id, name: "persona", options: [{ type: 1, name: "list" }] });
    await interaction.waitForResponse(3000);
    const text = interaction.originalMessage()!.embeds.map((e) => e.description).join("\n");
    for (const name of ["candid-scientist", "warm-counselor", "hhh-baseline", "lantern", "montaigne", "gentle-but-honest"]) expect(text).toContain(`\`${name}@`);
  });

  it("/persona show attaches the spec file", async () => {
    const interaction = world.emu.invokeSlashCommand({
      guildId: world.guildId, channelId: world.channelId, userId: world.alice.id, name: "persona",
      options: [{ type: 1, name: "show", options: [{ type: 3, name: "persona", value: "montaigne" }] }],
    });
    await interaction.waitForResponse(3000);
    const message = interaction.originalMessage()!;
    expect(message.embeds[0]!.title).toBe("Montaigne");
    expect(message.attachments.map((a) => a.filename)).toEqual(["montaigne.md"]);
    const body = await (await fetch(message.attachments[0]!.url)).text();
    expect(body).toMatch(/^---\nname: montaigne\n/);
  });
});
