import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { parseSpec } from "../../src/specs/parse.js";
import { variantId } from "../../src/specs/variant.js";

const text = (line: string) => `---\nname: ada\ndescription: Test.\n---\n## Identity\n${line}\n`;
const loaded = (line: string) => {
  const spec = parseSpec(text(line), "personas/ada.md");
  return { spec, path: "personas/ada.md", source: text(line), variantId: variantId(spec) };
};

describe("store", () => {
  it("records a changed persona file as a new variant whose parent is the old one", () => {
    const store = openStore(":memory:");
    const v1 = loaded("You are Ada.");
    const v2 = loaded("You are Ada, a mathematician.");
    expect(store.variants.syncFiles([v1]).added).toBe(1);
    expect(store.variants.syncFiles([v1]).added).toBe(0);
    store.variants.syncFiles([v2]);
    const current = store.variants.currentForFile("ada")!;
    expect(current.id).toBe(v2.variantId);
    expect(current.parentId).toBe(v1.variantId);
    expect(store.variants.get(v1.variantId)!.spec.sections[0]!.body).toBe("You are Ada.");
  });

  it("keeps user turns as pending or failed until a reply answers them", () => {
    const store = openStore(":memory:");
    const v = loaded("You are Ada.");
    store.variants.syncFiles([v]);
    const session = store.sessions.create({ threadId: "t1", guildId: "g", channelId: "c", variantId: v.variantId, model: "anthropic/x", createdBy: "u" });
    const a = store.messages.addUserTurn({ sessionId: session.id, content: "hi", authorId: "u", authorName: "U", discordId: "d1" });
    store.messages.markFailed(session.id, a.id);
    expect(store.messages.unanswered(session.id).map((t) => t.status)).toEqual(["failed"]);
    const b = store.messages.addUserTurn({ sessionId: session.id, content: "hello?", authorId: "u", authorName: "U", discordId: "d2" });
    store.messages.addReply({ sessionId: session.id, content: "Hello!", model: "anthropic/x", discordIds: ["r1", "r2"], answersUpTo: b.id, usage: { inputTokens: 10, outputTokens: 2, cachedTokens: 0 } });
    expect(store.messages.unanswered(session.id)).toEqual([]);
    expect(store.messages.history(session.id).map((t) => t.content)).toEqual(["hi", "hello?", "Hello!"]);
    expect(store.messages.byDiscordId("r2")!.content).toBe("Hello!");
    expect(store.messages.discordIdsOf(store.messages.byDiscordId("r1")!.id)).toEqual(["r1", "r2"]);
  });
});
