import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builderSteps } from "../../src/builder/steps.js";
import { loadOutline } from "../../src/outline/loadOutline.js";
import type { Outline } from "../../src/outline/types.js";
import type { EmulatedMessage, InteractionHandle } from "../emulator/index.js";
import { startWorld, type World } from "./world.js";

let world: World;
let outline: Outline;
beforeAll(async () => {
  [world, { outline }] = await Promise.all([startWorld(), loadOutline("personas/outline")]);
  world.anthropic.setHandler(() => ({ text: "Happy to look at it. What are you working on?" }));
}, 60_000);
afterAll(async () => world?.close());

type Json = Record<string, any>;
const str = (name: string, value: string) => ({ type: 3, name, value });

function slash(userId: string, sub: string, options: Json[] = []) {
  return world.emu.invokeSlashCommand({ guildId: world.guildId, channelId: world.channelId, userId, name: "persona", options: [{ type: 1, name: sub, options }] });
}

/** The message an interaction answered with or updated, as it is now. */
async function shown(interaction: InteractionHandle): Promise<EmulatedMessage> {
  await interaction.waitForResponse(3000);
  const id = interaction.payload.message?.id ?? (await world.emu.waitFor(() => interaction.originalMessage() ?? undefined, { timeoutMs: 5000 }))!.id;
  return world.emu.message(world.channelId, id)!;
}

/** Every component of a message with a custom id, flattened. */
const components = (m: EmulatedMessage): Json[] => (m.components as Json[]).flatMap((row) => row.components as Json[]);
const button = (m: EmulatedMessage, label: string) => components(m).find((c) => c.type === 2 && c.label === label)!;
const selects = (m: EmulatedMessage) => components(m).filter((c) => c.type === 3);

function click(m: EmulatedMessage, userId: string, label: string) {
  return world.emu.clickButton({ channelId: world.channelId, messageId: m.id, userId, customId: button(m, label).custom_id });
}
function pick(m: EmulatedMessage, userId: string, customId: string, value: string) {
  return world.emu.selectMenu({ channelId: world.channelId, messageId: m.id, userId, customId, values: [value] });
}

function db<T>(sql: string, ...params: unknown[]): T[] {
  const d = new Database(world.env.DATABASE_PATH!, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}

/** Opens the builder and submits its form; returns the first step's message. */
async function start(userId: string, fields: Record<string, string>, restart = false) {
  const opened = slash(userId, "new", restart ? [{ type: 5, name: "restart", value: true }] : []);
  await opened.waitForResponse(3000);
  expect(opened.callbackType).toBe(9);
  const submitted = world.emu.submitModal({ interaction: opened, fields: { display_name: "", greeting: "", ...fields } });
  const message = await shown(submitted);
  expect(submitted.ephemeral).toBe(true);
  return message;
}

/** The message once its content matches: Create acknowledges at once and edits the message when the persona is saved. */
function settled(m: EmulatedMessage, content: RegExp) {
  return world.emu.waitFor(() => {
    const now = world.emu.message(world.channelId, m.id);
    return now && content.test(now.content) ? now : undefined;
  }, { timeoutMs: 5000 });
}

/** A dial level's value from the outline: index 0 the lowest, -1 the highest. */
const level = (dial: string, index: number) => outline.dials.find((d) => d.id === dial)!.levels.at(index)!.value;

const title = (m: EmulatedMessage) => (m.embeds[0] as Json).title as string;

describe("/persona new", () => {
  const sectionSteps = () => builderSteps(outline).filter((s) => s.kind === "section");
  const blockFor = (i: number) => {
    const step = sectionSteps()[i]!;
    return step.kind === "section" ? step.section.blocks[i % step.section.blocks.length]!.id : "";
  };

  it("walks the sections, goes back, sets dials, previews the file and opens a thread with the new persona", async () => {
    let m = await start(world.alice.id, { name: "kind-critic", display_name: "Wren", description: "A tutor who tells you when you are wrong, kindly" });
    expect(m.content).toContain("Building **Wren**");
    const sections = sectionSteps();
    expect(title(m)).toBe(`Wren · ${sections[0]!.kind === "section" && sections[0]!.section.title}`);

    // One block per section, except the second, which is skipped; then back from the third to the second and pick after all.
    for (let i = 0; i < sections.length; i++) {
      if (i === 1) {
        m = await shown(click(m, world.alice.id, "Skip"));
        m = await shown(click(m, world.alice.id, "Back"));
        expect(title(m)).toContain(sections[1]!.kind === "section" ? sections[1]!.section.title : "");
        expect((m.embeds[0] as Json).description).toContain("Nothing chosen yet");
      }
      const select = selects(m)[0]!;
      expect(select.options.length).toBeLessThanOrEqual(25);
      m = await shown(pick(m, world.alice.id, select.custom_id, blockFor(i)));
    }

    // The dials: four selects and the buttons on the first page; levels stay selected after a pick.
    expect(title(m)).toMatch(/Dials \(1\/2\)/);
    expect(m.components).toHaveLength(5);
    const warmth = selects(m).find((s) => s.custom_id.endsWith(":warmth"))!;
    m = await shown(pick(m, world.alice.id, warmth.custom_id, "0.7"));
    const candor = selects(m).find((s) => s.custom_id.endsWith(":candor"))!;
    m = await shown(pick(m, world.alice.id, candor.custom_id, String(level("candor", -1))));
    expect(selects(m).find((s) => s.custom_id.endsWith(":warmth"))!.options.find((o: Json) => o.default)?.value).toBe("0.7");
    m = await shown(click(m, world.alice.id, "Next"));
    m = await shown(click(m, world.alice.id, "Next"));

    // The preview: the rendered spec as a file, the prompt's size, Create and Try it.
    expect(title(m)).toBe("Wren · Preview");
    const fields = (m.embeds[0] as Json).fields as Json[];
    expect(fields.find((f) => f.name === "System prompt")!.value).toMatch(/^~[\d,]+ tokens \([\d,]+ characters\)$/);
    expect(m.attachments.map((a) => a.filename)).toEqual(["kind-critic.md"]);
    const file = await (await fetch(m.attachments[0]!.url)).text();
    expect(file).toMatch(/^---\nname: kind-critic\n/);
    expect(file).toContain("warmth: 0.7");
    expect(button(m, "Create").disabled).toBeFalsy();

    // Back from the preview drops the file; Next brings it back.
    m = await shown(click(m, world.alice.id, "Back"));
    expect(m.attachments).toEqual([]);
    m = await shown(click(m, world.alice.id, "Next"));
    expect(m.attachments).toHaveLength(1);

    const threadsBefore = world.emu.threads(world.channelId).length;
    const tried = click(m, world.alice.id, "Try it");
    m = (await settled(await shown(tried), /^Created `kind-critic@[0-9a-f]{8}`/))!;
    expect(m.components).toEqual([]);
    const announced = await world.emu.waitFor(() => tried.followUps().find((f) => f.content.includes("built a new persona")), { timeoutMs: 5000 });
    expect((announced!.flags ?? 0) & 64).toBe(0);
    const link = await world.emu.waitFor(() => tried.followUps().find((f) => f.content.includes("is open: <#")), { timeoutMs: 8000 });
    expect((link!.flags ?? 0) & 64).toBe(64);

    // The persona talks in the new thread with the chosen blocks' text in its system prompt.
    const thread = world.emu.threads(world.channelId).at(-1)!;
    expect(world.emu.threads(world.channelId)).toHaveLength(threadsBefore + 1);
    expect(link!.content).toContain(`<#${thread.id}>`);
    await world.emu.sendMessage({ channelId: thread.id, userId: world.bob.id, content: "Can you check my proof?" });
    const request = await world.emu.waitFor(() => world.anthropic.requests.find((r) => r.messages.at(-1)?.content.includes("check my proof")), { timeoutMs: 8000 });
    const firstSection = sections[0]!.kind === "section" ? sections[0]!.section : undefined;
    const firstBlock = firstSection!.blocks.find((b) => b.id === blockFor(0))!;
    expect(request!.system).toContain(firstBlock.text.replaceAll("{{name}}", "Wren").split("\n")[0]);
    expect(request!.system).toContain("warmth: 0.7");

    // A new family root, with the picks recorded as its features.
    const [row] = db<{ family: string; parent_id: string | null; features_json: string; source: string }>(
      `SELECT v.family, v.parent_id, f.features_json, f.source FROM variants v JOIN variant_features f ON f.variant_id = v.id WHERE v.name = 'kind-critic'`,
    );
    expect(row).toMatchObject({ family: "kind-critic", parent_id: null, source: "built" });
    expect(JSON.parse(row!.features_json).blocks).toEqual(Object.fromEntries(sections.map((s, i) => [s.kind === "section" ? s.section.id : "", blockFor(i)])));
    expect(db(`SELECT * FROM builder_drafts WHERE user_id = ?`, world.alice.id)).toEqual([]);
  });

  it("picks up a draft where it was left, after a restart, and creates it", async () => {
    let m = await start(world.bob.id, { name: "bobs-sage", description: "Slow, careful answers" });
    m = await shown(pick(m, world.bob.id, selects(m)[0]!.custom_id, blockFor(0)));
    const left = title(m);
    await world.restartBot();

    const resumed = slash(world.bob.id, "new");
    m = await shown(resumed);
    expect(resumed.callbackType).toBe(4);
    expect(m.content).toContain("Welcome back");
    expect(title(m)).toBe(left);
    while (!title(m).endsWith("Preview")) m = await shown(click(m, world.bob.id, title(m).startsWith("bobs-sage · Dials") ? "Next" : "Skip"));
    const created = click(m, world.bob.id, "Create");
    m = await shown(created);
    expect(await settled(m, /^Created `bobs-sage@/)).toBeTruthy();
    expect(db(`SELECT name FROM variants WHERE name = 'bobs-sage' AND parent_id IS NULL`)).toHaveLength(1);

    // It can be put in a duel at once.
    const duel = slash(world.bob.id, "duel", [str("a", "bobs-sage"), str("b", "kind-critic")]);
    await duel.waitForResponse(3000);
    await world.emu.waitFor(() => duel.originalMessage()?.content.includes("<#") || undefined, { timeoutMs: 8000 });
  });

  it("refuses a taken name at the preview, and an expired draft when a button is pressed", async () => {
    let m = await start(world.bob.id, { name: "kind-critic", description: "Mine now" }, true);
    expect(m.content).toContain("belongs to another member's persona");
    while (!title(m).endsWith("Preview")) m = await shown(click(m, world.bob.id, title(m).includes("Dials") ? "Next" : "Skip"));
    expect(button(m, "Create").disabled).toBe(true);
    expect(((m.embeds[0] as Json).fields as Json[]).find((f) => f.name === "⚠️ Name")!.value).toContain("belongs to another member's persona");

    const d = new Database(world.env.DATABASE_PATH!);
    d.prepare(`UPDATE builder_drafts SET updated_at = updated_at - 2 * 86400000 WHERE user_id = ?`).run(world.bob.id);
    d.close();
    const late = click(m, world.bob.id, "Back");
    await late.waitForResponse(3000);
    const refusal = await world.emu.waitFor(() => late.originalMessage() ?? late.followUps()[0], { timeoutMs: 5000 });
    expect(refusal!.content).toContain("has expired");
    expect(db(`SELECT * FROM variants WHERE author_id = ? AND name = 'kind-critic'`, world.bob.id)).toEqual([]);
  });
});

describe("/persona fork quick:True", () => {
  it("changes one dial of a built persona, and the change note names the dial", async () => {
    const opened = slash(world.bob.id, "fork", [str("persona", "kind-critic"), { type: 5, name: "quick", value: true }]);
    let m = await shown(opened);
    expect(m.content).toMatch(/as `kind-critic-bob`/);
    m = await shown(pick(m, world.bob.id, selects(m).find((s) => s.custom_id.endsWith(":dial"))!.custom_id, "dial:warmth"));
    expect(selects(m)[0]!.options.map((o: Json) => o.value)).not.toContain("0.7");
    const saved = pick(m, world.bob.id, selects(m)[0]!.custom_id, "0.3");
    m = await shown(saved);
    expect(m.content).toContain("warmth 0.7 → 0.3");
    const announced = await world.emu.waitFor(() => saved.followUps()[0], { timeoutMs: 5000 });
    expect(announced!.content).toMatch(/forked `kind-critic@[0-9a-f]{8}` as `kind-critic-bob@[0-9a-f]{8}`: “warmth 0\.7 → 0\.3”/);
    const [fork] = db<{ family: string; note: string; spec_json: string }>(`SELECT family, note, spec_json FROM variants WHERE name = 'kind-critic-bob'`);
    expect(fork).toMatchObject({ family: "kind-critic", note: "warmth 0.7 → 0.3" });
    const reserved = outline.dials.find((d) => d.id === "warmth")!.levels.find((l) => l.value === 0.3)!;
    expect(JSON.parse(fork!.spec_json).sections.map((s: Json) => s.body).join("\n")).toContain(reserved.text.split("\n")[0]);
  });

  it("refuses a hand-written persona, which menus can't rebuild without losing its text", async () => {
    const refused = slash(world.bob.id, "fork", [str("persona", "lantern"), { type: 5, name: "quick", value: true }]);
    const m = await shown(refused);
    expect(refused.ephemeral).toBe(true);
    expect(m.content).toContain("has text of its own");
    expect(db(`SELECT * FROM fork_drafts WHERE user_id = ?`, world.bob.id)).toEqual([]);
  });
});
