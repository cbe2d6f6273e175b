import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { outlineHash } from "../../src/features/featureStore.js";
import { buildSpec } from "../../src/outline/buildSpec.js";
import type { Outline } from "../../src/outline/types.js";
import { publishVariant } from "../../src/personas/publish.js";
import { parseSpec } from "../../src/specs/parse.js";
import { variantId } from "../../src/specs/variant.js";
import { openStore } from "../../src/store/index.js";
import { shippedOutline } from "../outline/helpers.js";

let outline: Outline;
beforeAll(async () => {
  outline = await shippedOutline();
});

const file = (name: string) => {
  const source = readFileSync(`personas/${name}.md`, "utf8");
  const spec = parseSpec(source, `personas/${name}.md`);
  return { spec, path: `personas/${name}.md`, source, variantId: variantId(spec) };
};

describe("feature store", () => {
  it("derives the features of shipped files once per outline, and again when the outline changes", () => {
    const store = openStore(":memory:");
    store.variants.syncFiles([file("lantern"), file("hhh-baseline")]);
    expect(store.features.refresh(outline)).toBe(2);
    expect(store.features.refresh(outline)).toBe(0);
    const lantern = store.variants.currentForFile("lantern")!;
    expect(store.features.get(lantern.id)).toMatchObject({ source: "derived", features: { dials: lantern.spec.traits } });
    const changed: Outline = { ...outline, dials: outline.dials.slice(1) };
    expect(outlineHash(changed)).not.toBe(outlineHash(outline));
    expect(store.features.refresh(changed)).toBe(2);
  });

  it("records a built persona's picks as built, and keeps them when the outline changes", () => {
    const store = openStore(":memory:");
    const choices = { name: "kit", description: "Built.", blocks: { identity: "companion", honesty: "terse" }, dials: { warmth: 0.5 } };
    const variant = publishVariant(store, { spec: buildSpec(outline, choices), parent: null, author: { id: "u1", name: "ann" }, outline, builtBlocks: choices.blocks });
    const stored = store.features.get(variant.id)!;
    expect(stored.source).toBe("built");
    expect(stored.features.blocks).toMatchObject({ identity: "companion", honesty: "terse", voice: null });
    expect(store.features.refresh({ ...outline, dials: [] })).toBe(0);
    expect(store.features.all().get(variant.id)!.features.blocks.honesty).toBe("terse");
  });
});
