import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createBuilderDraftStore, BUILDER_DRAFT_TTL_MS } from "../../src/builder/builderDrafts.js";
import { buildDraft, previewMessage } from "../../src/builder/previewMessage.js";
import { builtChoices, rebuild } from "../../src/builder/quickFork.js";
import { quickForkChoices, quickForkMenu } from "../../src/builder/quickForkMessage.js";
import { stepMessage } from "../../src/builder/stepMessage.js";
import { applyPick, builderSteps, DIALS_PER_PAGE, LEAVE_OUT } from "../../src/builder/steps.js";
import { deriveFeatures } from "../../src/features/deriveFeatures.js";
import type { BuildChoices } from "../../src/outline/buildSpec.js";
import type { Outline } from "../../src/outline/types.js";
import type { OutgoingMessage } from "../../src/platform.js";
import { parseSpec } from "../../src/specs/parse.js";
import { variantId } from "../../src/specs/variant.js";
import { openDatabase } from "../../src/store/db.js";
import { shippedOutline } from "../outline/helpers.js";

let outline: Outline;
beforeAll(async () => {
  outline = await shippedOutline();
});

const choices = (): BuildChoices => ({
  name: "kit", displayName: "Kit", description: "A built persona.",
  blocks: { identity: "companion", honesty: "principle", voice: "plain" },
  dials: { warmth: 0.7, candor: 0.8 },
});

/** Discord's limits on what the builder sends: five rows, 25 options, 100-character ids, values and labels. */
function expectWithinLimits(message: OutgoingMessage): void {
  const rows = message.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(5);
  const ids = new Set<string>();
  for (const row of rows) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const c of row.components as { custom_id?: string; label?: string; options?: { label: string; value: string; description?: string }[] }[]) {
      expect(c.custom_id!.length).toBeLessThanOrEqual(100);
      expect(ids.has(c.custom_id!)).toBe(false);
      ids.add(c.custom_id!);
      if (c.label) expect(c.label.length).toBeLessThanOrEqual(80);
      for (const o of c.options ?? []) {
        expect([o.label.length, o.value.length, o.description?.length ?? 0].every((n) => n <= 100)).toBe(true);
      }
      expect((c.options ?? []).length).toBeLessThanOrEqual(25);
    }
  }
  for (const embed of message.embeds ?? []) {
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
  }
}

describe("builder steps", () => {
  it("has a step per section with blocks, dial pages of at most four, and the preview last", () => {
    const steps = builderSteps(outline);
    const sections = outline.sections.filter((s) => !s.fromDials && s.blocks.length > 0);
    expect(steps.filter((s) => s.kind === "section")).toHaveLength(sections.length);
    const pages = steps.filter((s) => s.kind === "dials");
    expect(pages.flatMap((p) => (p.kind === "dials" ? p.dials.map((d) => d.id) : []))).toEqual(outline.dials.map((d) => d.id));
    for (const page of pages) if (page.kind === "dials") expect(page.dials.length).toBeLessThanOrEqual(DIALS_PER_PAGE);
    expect(steps.at(-1)!.kind).toBe("preview");
  });

  it("renders every step and the preview of the shipped outline within Discord's component limits", () => {
    const steps = builderSteps(outline);
    for (let step = 0; step < steps.length - 1; step++) expectWithinLimits(stepMessage(outline, { id: 123456789, userId: "u", step, choices: choices(), updatedAt: 0 }));
    const draft = { id: 123456789, userId: "u", step: steps.length - 1, choices: choices(), updatedAt: 0 };
    const preview = previewMessage(outline, draft, buildDraft(outline, draft));
    expectWithinLimits(preview);
    expect(preview.files).toHaveLength(1);
  });

  it("applies picks: a block, leaving a section out, a level, and unsetting a dial", () => {
    let c = applyPick(choices(), { section: "honesty", block: "examples" });
    expect(c.blocks.honesty).toBe("examples");
    c = applyPick(c, { section: "voice", block: LEAVE_OUT });
    expect(c.blocks.voice).toBeNull();
    c = applyPick(c, { dial: "warmth", value: "0.3" });
    c = applyPick(c, { dial: "candor", value: LEAVE_OUT });
    expect(c.dials).toEqual({ warmth: 0.3 });
    expect(choices().dials).toEqual({ warmth: 0.7, candor: 0.8 });
  });

  it("blocks Create at the preview while nothing is chosen, saying why in the builder's words", () => {
    const draft = { id: 1, userId: "u", step: 0, choices: { ...choices(), blocks: {}, dials: {} }, updatedAt: 0 };
    const preview = previewMessage(outline, draft, buildDraft(outline, draft));
    const fields = preview.embeds![0]!.fields!;
    expect(fields.find((f) => f.name === "⚠️ Can't build yet")!.value).toContain("Choose at least one block");
    const buttons = preview.components![0]!.components as { label: string; disabled?: boolean }[];
    expect(buttons.filter((b) => b.label === "Create" || b.label === "Try it").every((b) => b.disabled)).toBe(true);
  });
});

describe("builder drafts", () => {
  it("keep a member's draft for a day after the last change, and only for that member", () => {
    let now = 1_000_000;
    const drafts = createBuilderDraftStore(openDatabase(":memory:"), () => now);
    const draft = drafts.create("alice", choices());
    expect(drafts.get(draft.id, "bob")).toBeUndefined();
    now += BUILDER_DRAFT_TTL_MS - 1;
    drafts.save({ ...draft, step: 3 });
    now += BUILDER_DRAFT_TTL_MS - 1;
    expect(drafts.latest("alice")).toMatchObject({ id: draft.id, step: 3, choices: choices() });
    now += 2;
    expect(drafts.get(draft.id, "alice")).toBeUndefined();
    expect(drafts.latest("alice")).toBeUndefined();
  });
});

describe("quick fork", () => {
  it("finds the choices that rebuild a built spec exactly, and changes one thing only", () => {
    const spec = { ...buildDraftSpec(), model: "anthropic/claude-sonnet-5-5" };
    const found = builtChoices(spec, deriveFeatures(spec, outline), outline)!;
    expect(found).toBeDefined();
    const fork = rebuild(outline, spec, applyPick({ ...found, name: "kit-bob" }, { dial: "warmth", value: "0.3" }));
    expect(fork.model).toBe(spec.model);
    expect(fork.traits).toEqual({ ...spec.traits, warmth: 0.3 });
    expect(fork.sections.filter((s) => s.title !== "Temperament")).toEqual(spec.sections.filter((s) => s.title !== "Temperament"));
    expect(variantId(fork)).not.toBe(variantId(spec));
  });

  it("refuses hand-written specs and specs edited after building", () => {
    const lantern = parseSpec(readFileSync("personas/lantern.md", "utf8"), "personas/lantern.md");
    expect(builtChoices(lantern, deriveFeatures(lantern, outline), outline)).toBeUndefined();
    const built = buildDraftSpec();
    const edited = { ...built, sections: built.sections.map((s, i) => (i === 0 ? { ...s, body: `${s.body}\n\nOne more sentence of my own.` } : s)) };
    expect(builtChoices(edited, deriveFeatures(edited, outline), outline)).toBeUndefined();
  });

  it("offers every dial and section, then only the other values of the one picked", () => {
    const menu = quickForkMenu(outline, choices(), 42, "Forking");
    expectWithinLimits(menu);
    const second = quickForkChoices(outline, choices(), 42, { kind: "dial", id: "warmth" })!;
    expectWithinLimits(second);
    const values = (second.components![0]!.components[0] as { options: { value: string }[] }).options.map((o) => o.value);
    expect(values).not.toContain("0.7");
    expect(values).toContain(LEAVE_OUT);
    expect(quickForkChoices(outline, choices(), 42, { kind: "block", id: "nonexistent" })).toBeUndefined();
  });
});

function buildDraftSpec() {
  const built = buildDraft(outline, { id: 1, userId: "u", step: 0, choices: choices(), updatedAt: 0 });
  if (!built.ok) throw new Error("the test choices should build");
  return built.spec;
}
