import { describe, expect, it } from "vitest";
import { StreamingReply, type ReplyTarget } from "../../src/chat/streamingReply.js";

/** A target that records what Discord would receive, with a manual clock. */
function recorder() {
  const calls: { op: "post" | "edit"; id: string; content: string; at: number }[] = [];
  const messages = new Map<string, string>();
  let clock = 0;
  let next = 1;
  const target: ReplyTarget = {
    async post(content) {
      const id = `m${next++}`;
      messages.set(id, content);
      calls.push({ op: "post", id, content, at: clock });
      return id;
    },
    async edit(id, content) {
      messages.set(id, content);
      calls.push({ op: "edit", id, content, at: clock });
    },
  };
  return { target, calls, messages, tick: (ms: number) => (clock += ms), now: () => clock };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe("StreamingReply", () => {
  it("posts at the first tokens and edits no more than once per interval", async () => {
    const r = recorder();
    const reply = new StreamingReply(r.target, { editIntervalMs: 1000, now: r.now });
    reply.push("Hello");
    await settle();
    expect(r.calls).toEqual([expect.objectContaining({ op: "post", content: "Hello ▌" })]);
    for (let i = 0; i < 20; i++) {
      reply.push(" more");
      r.tick(100);
      await settle();
    }
    const edits = r.calls.filter((c) => c.op === "edit");
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    expect(edits.length).toBeLessThanOrEqual(2);
    const ids = await reply.finish();
    expect(ids).toEqual(["m1"]);
    expect(r.messages.get("m1")).toBe(`Hello${" more".repeat(20)}`);
  });

  it("continues past 2,000 characters in a new message and seals the earlier one", async () => {
    const r = recorder();
    const reply = new StreamingReply(r.target, { editIntervalMs: 0, now: r.now });
    const text = Array.from({ length: 500 }, (_, i) => `token${i}`).join(" ");
    for (const piece of text.match(/.{1,40}/gs)!) {
      reply.push(piece);
      await settle();
    }
    const ids = await reply.finish("-# a footer");
    expect(ids.length).toBe(3);
    const shown = ids.map((id) => r.messages.get(id)!);
    for (const s of shown) expect(s.length).toBeLessThanOrEqual(2000);
    expect(shown.some((s) => s.includes("▌"))).toBe(false);
    expect(shown.join(" ").replace(/\s+/g, " ")).toBe(`${text} -# a footer`);
  });

  it("reports a Discord failure when finishing", async () => {
    const r = recorder();
    const failing: ReplyTarget = { ...r.target, edit: async () => { throw new Error("429 forever"); } };
    const reply = new StreamingReply(failing, { editIntervalMs: 0, now: r.now });
    reply.push("a");
    await settle();
    reply.push("b");
    await settle();
    await expect(reply.finish()).rejects.toThrow("429 forever");
  });
});

describe("StreamingReply, finishing", () => {
  it("never edits after the final text, even with an edit pending", async () => {
    const r = recorder();
    const reply = new StreamingReply(r.target, { editIntervalMs: 1000, now: r.now });
    reply.push("one");
    await settle();
    reply.push(" two");
    r.tick(400);
    await settle();
    await reply.finish();
    const calls = r.calls.length;
    r.tick(5000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(r.calls.length).toBe(calls);
    expect(r.messages.get("m1")).toBe("one two");
  });
});
