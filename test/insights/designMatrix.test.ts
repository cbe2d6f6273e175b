import { describe, expect, it } from "vitest";
import { buildDesign } from "../../src/insights/designMatrix.js";

const rules = { minVariants: 2, minFamilies: 2 };
const levels = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe("buildDesign", () => {
  it("codes each level against its feature's most common level, one column per other level", () => {
    const variants = [
      levels({ "dial:warmth": "0.8", "block:honesty": "principle" }),
      levels({ "dial:warmth": "0.8", "block:honesty": "examples" }),
      levels({ "dial:warmth": "0.4", "block:honesty": "principle" }),
      levels({ "dial:warmth": "0.8", "block:honesty": "examples" }),
      levels({ "dial:warmth": "0.4", "block:honesty": "principle" }),
      levels({ "dial:warmth": "0.8", "block:honesty": "principle" }),
    ];
    const design = buildDesign(variants, Int32Array.of(0, 0, 1, 1, 2, 2), rules);
    expect(design.columns.map((c) => [c.feature, c.reference, c.level, c.carriers, c.families])).toEqual([
      ["dial:warmth", "0.8", "0.4", 2, 2],
      ["block:honesty", "principle", "examples", 2, 1 + 1],
    ]);
    // Variant 1 has examples (column 1); variant 2 has warmth 0.4 (column 0).
    expect([...design.cols.subarray(design.start[1]!, design.start[2]!)]).toEqual([1]);
    expect([...design.cols.subarray(design.start[2]!, design.start[3]!)]).toEqual([0]);
  });

  it("excludes rare levels, levels of one family, and levels that are sums of other columns", () => {
    const variants = [
      levels({ "dial:warmth": "0.8", "block:values": "list", "section:Values": "present", "dial:candor": "0.2" }),
      levels({ "dial:warmth": "0.8", "block:values": "none", "section:Values": "absent", "dial:candor": "0.2" }),
      levels({ "dial:warmth": "0.4", "block:values": "with-reasons", "section:Values": "present", "dial:candor": "0.5" }),
      levels({ "dial:warmth": "0.8", "block:values": "none", "section:Values": "absent", "dial:candor": "0.5" }),
      levels({ "dial:warmth": "0.4", "block:values": "list", "section:Values": "present", "dial:candor": "0.2" }),
      levels({ "dial:warmth": "0.2", "block:values": "with-reasons", "section:Values": "present", "dial:candor": "0.2" }),
    ];
    const design = buildDesign(variants, Int32Array.of(0, 0, 1, 1, 2, 2), rules);
    const reason = (feature: string) => design.excluded.find((e) => e.feature === feature)?.reason;
    expect(reason("dial:warmth")).toBe("only 1 variant with data has it");
    // Candor 0.5 is carried by two variants of family 1 only.
    expect(reason("dial:candor")).toBe("found in only 1 family");
    // "Values" is absent exactly when the block is none: a column of the block's levels.
    expect(design.excluded.find((e) => e.feature === "section:Values")).toMatchObject({ inseparableFrom: expect.stringMatching(/^block:values=/) });
    // Values: two variants at each block, "none" first in order, so it is the reference.
    expect(design.columns.map((c) => `${c.feature}=${c.level}`)).toEqual(["dial:warmth=0.4", "block:values=list", "block:values=with-reasons"]);
  });

  it("leaves out levels it is told to drop, with the reason given", () => {
    const variants = ["0.8", "0.4", "0.8", "0.4", "0.8"].map((warmth) => levels({ "dial:warmth": warmth }));
    const design = buildDesign(variants, Int32Array.of(0, 1, 2, 3, 4), rules, new Map([["dial:warmth=0.4", "never duelled"]]));
    expect(design.columns).toEqual([]);
    expect(design.excluded).toMatchObject([{ feature: "dial:warmth", level: "0.4", reason: "never duelled" }]);
  });
});
