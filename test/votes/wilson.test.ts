import { describe, expect, it } from "vitest";
import { wilson } from "../../src/votes/wilson.js";

describe("wilson", () => {
  it("matches hand-computed intervals", () => {
    // 8 of 10: centre (0.8 + 1.92/10)/(1.384) = 0.7167, half = 1.96/1.384 * sqrt(0.016 + 0.0096) = 0.2266
    const r = wilson(8, 10);
    expect(r.share).toBe(0.8);
    expect(r.lower).toBeCloseTo(0.4902, 3);
    expect(r.upper).toBeCloseTo(0.9433, 3);
  });

  it("stays inside [0, 1] and is wide for few votes", () => {
    const all = wilson(3, 3);
    expect(all.upper).toBe(1);
    expect(all.lower).toBeCloseTo(0.4385, 3);
    expect(wilson(0, 3).lower).toBe(0);
  });

  it("narrows as votes grow, so 300 votes can outrank 3", () => {
    expect(wilson(210, 300).lower).toBeGreaterThan(wilson(3, 3).lower);
  });

  it("says nothing is known without votes", () => {
    expect(wilson(0, 0)).toEqual({ share: 0, lower: 0, upper: 1, n: 0 });
  });
});
