import { describe, expect, it } from "vitest";
import { splitMessage } from "../../src/chat/splitMessage.js";

const fences = (chunk: string) => chunk.split("\n").filter((l) => /^\s*```/.test(l)).length;

describe("splitMessage", () => {
  it("leaves a short message whole", () => {
    expect(splitMessage("hello")).toEqual(["hello"]);
  });

  it("keeps every chunk within the limit and loses no words", () => {
    const text = Array.from({ length: 900 }, (_, i) => `word${i}`).join(" ");
    const chunks = splitMessage(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(2000);
    expect(chunks.join(" ").split(/\s+/)).toEqual(text.split(" "));
  });

  it("prefers a paragraph break", () => {
    const text = `${"a ".repeat(600)}\n\n${"b ".repeat(600)}`;
    const [first] = splitMessage(text);
    expect(first!.trim().endsWith("a")).toBe(true);
  });

  it("closes and reopens a code block cut in two, keeping its language", () => {
    const code = Array.from({ length: 150 }, (_, i) => `const value${i} = ${i};`).join("\n");
    const chunks = splitMessage(`Here:\n\n\`\`\`ts\n${code}\n\`\`\`\nDone.`);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(fences(c) % 2).toBe(0);
    }
    expect(chunks[1]!.startsWith("```ts\n")).toBe(true);
  });

  it("gives the same earlier chunks as the text grows (so streaming can seal them)", () => {
    const text = Array.from({ length: 600 }, (_, i) => `line ${i} of a long streamed reply`).join("\n");
    const full = splitMessage(text);
    for (const cut of [2500, 4100, 7000]) {
      const partial = splitMessage(text.slice(0, cut));
      expect(partial.slice(0, -1)).toEqual(full.slice(0, partial.length - 1));
    }
  });

  it("cuts a single enormous word", () => {
    const chunks = splitMessage("x".repeat(4500));
    expect(chunks.map((c) => c.length)).toEqual([1988, 1988, 524]);
  });
});
