import type { ChatTurn } from "../llm/types.js";
import type { Turn } from "../store/messages.js";

/** A rough token count: about four characters a token for English text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export interface Context {
  messages: ChatTurn[];
  /** Turns left out because the budget was spent, oldest first. */
  dropped: number;
  /** Ids of the user turns this reply answers. */
  answersUpTo?: number;
}

const OPENING = "(A member opened this thread.)";

/**
 * Builds the model's view of a thread from its stored turns, within a token budget:
 * the newest turns are kept and the oldest dropped first. Names prefix user turns once
 * more than one person has spoken; consecutive turns of one role are merged, since the
 * APIs expect roles to alternate and a conversation to open with the user.
 */
export function buildContext(turns: readonly Turn[], budgetTokens: number): Context {
  const speakers = new Set(turns.filter((t) => t.role === "user").map((t) => t.authorId));
  const named = speakers.size > 1;
  const render = (t: Turn) => (t.role === "user" && named ? `[${t.authorName ?? "member"}] ${t.content}` : t.content);

  const kept: Turn[] = [];
  let spent = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    const cost = estimateTokens(render(turn)) + 4;
    // Always keep the newest turn, even alone over budget: there is nothing to answer otherwise.
    if (kept.length > 0 && spent + cost > budgetTokens) break;
    kept.unshift(turn);
    spent += cost;
  }

  const messages: ChatTurn[] = [];
  for (const turn of kept) {
    const content = render(turn);
    const last = messages[messages.length - 1];
    if (last && last.role === turn.role) last.content += `\n\n${content}`;
    else messages.push({ role: turn.role, content });
  }
  if (messages[0]?.role === "assistant") messages.unshift({ role: "user", content: OPENING });
  const lastUser = [...kept].reverse().find((t) => t.role === "user");
  return { messages, dropped: turns.length - kept.length, answersUpTo: lastUser?.id };
}
