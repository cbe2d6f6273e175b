import { beforeAll, describe, expect, it } from "vitest";
import type { SpecFeatures } from "../../src/features/deriveFeatures.js";
import { featureChanges } from "../../src/insights/featureChanges.js";
import { examplesBucket, featureLevels } from "../../src/insights/featureLevels.js";
import type { Outline } from "../../src/outline/types.js";
import { shippedOutline } from "../outline/helpers.js";

let outline: Outline;
beforeAll(async () => {
  outline = await shippedOutline();
});

const parent: SpecFeatures = {
  blocks: { honesty: "principle", voice: "plain", values: null },
  dials: { candor: 0.5, warmth: 0.8 },
  sections: ["Honesty and disagreement", "Voice"],
  length: 3000,
  tokens: 750,
  examples: 2,
};
const fork = (change: Partial<SpecFeatures>): SpecFeatures => ({ ...parent, ...change });

describe("featureChanges", () => {
  it("names a dial move, and keys it the same whichever way a fork went", () => {
    const [down] = featureChanges(parent, fork({ dials: { candor: 0.5, warmth: 0.4 } }));
    expect(down).toEqual({ kind: "dial", feature: "dial:warmth", from: "0.8", to: "0.4", label: "warmth 0.8 → 0.4", key: "dial:warmth 0.4 → 0.8", reversed: true });
    const [up] = featureChanges(fork({ dials: { candor: 0.5, warmth: 0.4 } }), parent);
    expect(up).toMatchObject({ key: down!.key, reversed: false, label: "warmth 0.4 → 0.8" });
  });

  it("does not count length, tokens or example counts that stay in their bucket", () => {
    expect(featureChanges(parent, fork({ length: 4000, tokens: 1000, examples: 1 }))).toEqual([]);
    expect(featureChanges(parent, fork({ examples: 4 }))).toMatchObject([{ kind: "examples", from: "1–2", to: "3–5", label: "examples 1–2 → 3–5" }]);
    expect([0, 1, 2, 3, 5, 6, 40].map(examplesBucket)).toEqual(["0", "1–2", "1–2", "3–5", "3–5", "6+", "6+"]);
  });

  it("labels a block swap by the axis tags that differ when given the outline", () => {
    const swapped = fork({ blocks: { ...parent.blocks, honesty: "examples" } });
    expect(featureChanges(parent, swapped, outline)).toMatchObject([{ kind: "block", feature: "block:honesty", label: "honesty: principle → examples" }]);
    expect(featureChanges(parent, swapped)).toMatchObject([{ label: "honesty: principle → examples", from: "principle", to: "examples" }]);
  });

  it("counts a block swapped in with its section once, with or without the outline", () => {
    const added = fork({ blocks: { ...parent.blocks, values: "list" }, sections: [...parent.sections, "Values"] });
    for (const changes of [featureChanges(parent, added, outline), featureChanges(parent, added)]) {
      expect(changes).toMatchObject([{ kind: "block", feature: "block:values", from: "none", to: "list" }]);
    }
  });

  it("counts a hand-written section added or removed as a section change", () => {
    const [added] = featureChanges(parent, fork({ sections: [...parent.sections, "Rituals"] }), outline);
    expect(added).toMatchObject({ kind: "section", feature: "section:Rituals", from: "absent", to: "present", label: 'added "Rituals"', reversed: false });
    const [removed] = featureChanges(fork({ sections: [...parent.sections, "Rituals"] }), parent, outline);
    expect(removed).toMatchObject({ label: 'removed "Rituals"', key: added!.key, reversed: true });
  });

  it("lists every change of a fork that changed several features", () => {
    const changes = featureChanges(parent, fork({ dials: { candor: 0.2, warmth: 0.8 }, blocks: { ...parent.blocks, voice: "strunk" }, examples: 7 }), outline);
    expect(changes.map((c) => c.feature)).toEqual(["dial:candor", "block:voice", "examples"]);
  });

  it("encodes the same levels the changes name, an absent dial as unset", () => {
    const levels = featureLevels(parent, { dials: ["candor", "warmth", "playfulness"], blocks: ["honesty", "values", "voice"], titles: ["Rituals"] });
    expect(Object.fromEntries(levels)).toEqual({
      "dial:candor": "0.5",
      "dial:warmth": "0.8",
      "dial:playfulness": "unset",
      "block:honesty": "principle",
      "block:values": "none",
      "block:voice": "plain",
      "section:Rituals": "absent",
      examples: "1–2",
    });
  });
});
