import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_ENTRY } from "./botProcess.js";
import { startWorld, type World } from "./world.js";

describe("without Manage Webhooks, and with a broken spec file", () => {
  let world: World;
  beforeAll(async () => {
    const personas = mkdtempSync(join(tmpdir(), "personas-"));
    cpSync("personas", personas, { recursive: true });
    writeFileSync(join(personas, "broken.md"), "---\nname: broken\ndescription: Broken on purpose.\ntraits:\n  warmth: 3\n---\n## Identity\nYou are broken.\n");
    world = await startWorld({ env: { PERSONAS_DIR: personas } });
  }, 60_000);
  afterAll(async () => world?.close());

  it("reports the broken file with its path and field, and loads the others", () => {
    const skipped = world.bot.logs.find((l) => String(l.msg).startsWith("persona skipped"));
    expect(skipped?.msg).toMatch(/broken\.md:5: traits\.warmth: each trait must be from 0 to 1/);
    expect(world.bot.logs.find((l) => l.msg === "personas loaded")).toMatchObject({ personas: 8, skipped: 1 });
  });

  it("posts persona replies as plain bot messages under a name header", async () => {
    world.emu.setBotPermissions(world.guildId, ["ViewChannel", "SendMessages", "SendMessagesInThreads", "CreatePublicThreads", "EmbedLinks", "AttachFiles", "ReadMessageHistory", "AddReactions"]);
    const interaction = world.emu.invokeSlashCommand({
      guildId: world.guildId, channelId: world.channelId, userId: world.alice.id, name: "persona",
      options: [{ type: 1, name: "try", options: [{ type: 3, name: "persona", value: "warm-counselor" }, { type: 3, name: "message", value: "I had a rough week." }] }],
    });
    await interaction.waitForResponse(3000);
    world.anthropic.enqueue({ text: "That sounds heavy. What made it rough?" });
    const thread = await world.emu.waitFor(() => world.emu.threads(world.channelId)[0], { timeoutMs: 5000 });
    const reply = await world.emu.waitFor(() => world.emu.messages(thread.id).find((m) => m.content.endsWith("What made it rough?")), { timeoutMs: 8000 });
    expect(reply.webhook_id).toBeUndefined();
    expect(reply.content).toBe("**Maren**\nThat sounds heavy. What made it rough?");
    expect(world.emu.webhooks(world.channelId)).toEqual([]);
    expect(world.emu.rateLimitHits.filter((h) => !h.route.includes("webhooks"))).toEqual([]);
  });
});

describe("configuration errors", () => {
  it("stop the bot with one line per bad variable", () => {
    const result = spawnSync(process.execPath, BOT_ENTRY, {
      env: { PATH: process.env.PATH, DEFAULT_MODEL: "claude", DISCORD_API_BASE_URL: "discord.com/api" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("DISCORD_TOKEN: required");
    expect(result.stderr).toContain("DEFAULT_MODEL: expected provider/model");
    expect(result.stderr).toContain("DISCORD_API_BASE_URL: expected an http(s) URL");
  });
});
