import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { parseSpec } from "../../src/specs/parse.js";
import { variantId } from "../../src/specs/variant.js";
import { createVoteStore } from "../../src/votes/voteStore.js";
import { rankByApproval } from "../../src/votes/ranking.js";

function world() {
  const store = openStore(":memory:");
  const text = "---\nname: ada\ndescription: Test.\n---\n## Identity\nYou are Ada.\n";
  const spec = parseSpec(text, "ada.md");
  store.variants.syncFiles([{ spec, path: "ada.md", source: text, variantId: variantId(spec) }]);
  const session = store.sessions.create({ threadId: "t", guildId: "g", channelId: "c", variantId: variantId(spec), model: "anthropic/m", createdBy: "u" });
  const reply = store.messages.addReply({ sessionId: session.id, content: "hi", model: "anthropic/m", discordIds: ["d1"] });
  const votes = createVoteStore(store.db);
  const base = { messageId: reply.id, variantId: variantId(spec), model: "anthropic/m", guildId: "g", selfVote: false };
  return { votes, base };
}

describe("votes", () => {
  it("count one vote per member per reply; a switch flips it, a removal retracts it", () => {
    const { votes, base } = world();
    expect(votes.cast({ ...base, voterId: "a", value: 1 })).toBe(true);
    expect(votes.cast({ ...base, voterId: "a", value: 1 })).toBe(false);
    votes.cast({ ...base, voterId: "b", value: 1 });
    expect(votes.tallies({ guildId: "g" })).toEqual([{ variantId: base.variantId, model: "anthropic/m", up: 2, down: 0 }]);
    votes.cast({ ...base, voterId: "a", value: -1 });
    expect(votes.tallies({ guildId: "g" })[0]).toMatchObject({ up: 1, down: 1 });
    // Removing the old 👍 after switching to 👎 keeps the 👎.
    expect(votes.retract("a", base.messageId, 1)).toBe(false);
    expect(votes.retract("a", base.messageId, -1)).toBe(true);
    expect(votes.tallies({ guildId: "g" })[0]).toMatchObject({ up: 1, down: 0 });
  });

  it("store a self-vote but leave it out of the tallies", () => {
    const { votes, base } = world();
    votes.cast({ ...base, voterId: "author", value: 1, selfVote: true });
    expect(votes.current("author", base.messageId)).toBe(1);
    expect(votes.tallies({ guildId: null })).toEqual([]);
  });

  it("scope tallies to a server, or all servers", () => {
    const { votes, base } = world();
    votes.cast({ ...base, voterId: "a", value: 1 });
    votes.cast({ ...base, voterId: "b", value: -1, guildId: "other" });
    expect(votes.tallies({ guildId: "g" })[0]).toMatchObject({ up: 1, down: 0 });
    expect(votes.tallies({ guildId: null })[0]).toMatchObject({ up: 1, down: 1 });
  });
});

describe("rankByApproval", () => {
  it("ranks by the interval's lower bound, provisional rows last", () => {
    const ranked = rankByApproval(
      [
        { variantId: "few", model: "m", up: 3, down: 0 },
        { variantId: "many", model: "m", up: 210, down: 90 },
        { variantId: "bad", model: "m", up: 20, down: 80 },
      ],
      10,
    );
    expect(ranked.map((r) => [r.rank, r.variantId, r.provisional])).toEqual([
      [1, "many", false],
      [2, "bad", false],
      [3, "few", true],
    ]);
  });
});
