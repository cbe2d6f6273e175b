import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedMessage, InteractionHandle } from "../emulator/index.js";
import { FAMILIES, seedWarmthCommunity } from "../fixtures/insightsWorld.js";
import { startWorld, type World } from "./world.js";

const MODEL = "anthropic/claude-sonnet-5-5";
let world: World;
let seeding: Promise<void> = Promise.resolve();
beforeAll(async () => {
  world = await startWorld({
    env: { INSIGHTS_CHECK_MS: "300" },
    prepare: ({ guildId, databasePath }) => {
      seeding = seedWarmthCommunity(databasePath, guildId, MODEL);
      return {};
    },
  });
  await seeding;
}, 60_000);
afterAll(async () => world?.close());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
type Json = Record<string, any>;

function slash(userId: string, sub: string, options: Json[] = []) {
  return world.emu.invokeSlashCommand({ guildId: world.guildId, channelId: world.channelId, userId, name: "persona", options: [{ type: 1, name: sub, options }] });
}

async function answer(interaction: InteractionHandle): Promise<EmulatedMessage> {
  await interaction.waitForResponse(3000);
  return (await world.emu.waitFor(() => {
    const m = interaction.originalMessage();
    return m && (m.content || m.embeds.length > 0) ? m : undefined;
  }, { timeoutMs: 15_000 }))!;
}

describe("/persona insights", () => {
  it("posts the strongest findings with their numbers and a forest plot, and lists the forks behind a finding", async () => {
    const asked = slash(world.alice.id, "insights", [{ type: 3, name: "outcome", value: "votes" }]);
    const message = await answer(asked);
    expect(asked.ephemeral).toBe(false);
    const embed = message.embeds[0] as Json;
    expect(embed.title).toBe("What changes how people vote?");
    const strongest = embed.fields.find((f: Json) => f.name === "Strongest evidence").value as string;
    // The seeded effect: warm replies were voted up 80% of the time, cool ones 45%.
    expect(strongest).toMatch(/Forks that moved warmth from 0\.7 to 0\.3 were voted up 35 points less often \(95% CI \d+–\d+; 6 forks, 6 families\)/);
    expect(embed.image.url).toBe("attachment://insights.png");
    const chart = await (await fetch(message.attachments[0]!.url)).arrayBuffer();
    expect(Buffer.from(chart).subarray(0, 8)).toEqual(PNG);

    const buttons = (message.components as Json[]).flatMap((r) => r.components as Json[]);
    const forks = buttons.find((b) => String(b.label).startsWith("Forks behind"));
    expect(forks).toBeDefined();
    const clicked = world.emu.clickButton({ channelId: world.channelId, messageId: message.id, userId: world.bob.id, customId: forks!.custom_id });
    const list = await answer(clicked);
    expect(clicked.ephemeral).toBe(true);
    for (let f = 0; f < FAMILIES; f++) expect(list.content).toMatch(new RegExp(`seed-${f}-cool@[0-9a-f]{8}\` forked from \`seed-${f}@`));
  });

  it("says plainly when an outcome has no data", async () => {
    const asked = slash(world.alice.id, "insights", [{ type: 3, name: "outcome", value: "duels" }]);
    const message = await answer(asked);
    expect(message.content).toContain("There is nothing yet on `duels`");
  });

  it("posts the report to a server's channel once a manager sets one up, and only managers may", async () => {
    const refused = await answer(slash(world.bob.id, "insights-setup", [{ type: 7, name: "channel", value: world.channelId }]));
    expect(refused.content).toContain("Only members with Manage Server");

    const mod = world.emu.createUser({ username: "mod" });
    world.emu.addMember(world.guildId, mod.id, { permissions: ["ManageGuild"] });
    const before = world.emu.messages(world.channelId, { includeEphemeral: false }).length;
    const set = await answer(slash(mod.id, "insights-setup", [{ type: 7, name: "channel", value: world.channelId }, { type: 5, name: "arena_experiments", value: true }]));
    expect(set.content).toContain(`Insights will be posted to <#${world.channelId}>`);
    const posted = await world.emu.waitFor(() => world.emu.messages(world.channelId, { includeEphemeral: false }).slice(before).find((m) => m.content.includes("insights so far")), { timeoutMs: 10_000 });
    expect(posted!.attachments.map((a) => a.filename)).toEqual(["insights.png"]);
    expect((posted!.embeds[0] as Json).fields[0].value).toContain("warmth");

    // With the server's opt-in, the arena weighs pairs by what insights most needs; it still opens a duel.
    const arena = slash(world.alice.id, "arena", [{ type: 3, name: "family", value: "seed-0" }]);
    const opened = await answer(arena);
    expect(opened.content).toMatch(/^A blind duel is open: <#\d+>/);
  });

  it("writes the living document with its charts and the specs behind its findings", () => {
    const out = mkdtempSync(join(tmpdir(), "insights-report-"));
    const printed = execFileSync(process.execPath, ["dist/src/cli/index.js", "insights", "--db", world.env.DATABASE_PATH!, "--out", out, "--bootstrap", "200"], { encoding: "utf8" });
    expect(printed).toMatch(/^Wrote .*README\.md: \d+ findings?, 1 chart, 12 spec files\./);
    const report = readFileSync(join(out, "README.md"), "utf8");
    expect(report).toContain("## Method");
    expect(report).toMatch(/### 1\. .*warmth/);
    expect(report).toContain("![What changes how people vote?](forest-votes.png)");
    expect(readFileSync(join(out, "forest-votes.png")).subarray(0, 8)).toEqual(PNG);
    const specs = readdirSync(join(out, "variants"));
    expect(specs).toHaveLength(2 * FAMILIES);
    expect(report).toContain(`](variants/${specs.find((s) => s.startsWith("seed-0-cool"))})`);
    expect(existsSync(join(out, "forest-duels.png"))).toBe(false);
  });
});
