/** Discord's limit on a message's content. */
export const DISCORD_MESSAGE_LIMIT = 2000;

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;

interface Cut {
  /** Where the chunk ends in the text. */
  end: number;
  /** The fence line open at that point, if the cut falls inside a code block. */
  openFence?: string;
}

/**
 * Splits text into chunks of at most `limit` characters, preferring paragraph, then
 * line, then word boundaries. A cut inside a fenced code block closes the fence at the
 * end of the chunk and reopens it (with its language) at the start of the next, so no
 * code block is ever broken. Chunks are a pure function of the text: earlier chunks stay
 * the same as the text grows past them, which lets a streaming reply seal them.
 *
 * @example splitMessage("a".repeat(2500)).map((c) => c.length) // [2000, 500]
 */
export function splitMessage(text: string, limit = DISCORD_MESSAGE_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = text;
  let reopen: string | undefined;
  while (true) {
    const prefix = reopen ? `${reopen}\n` : "";
    const room = limit - prefix.length;
    if (rest.length <= room) {
      chunks.push(prefix + rest);
      return chunks;
    }
    const cut = findCut(rest, room, reopen);
    const closing = cut.openFence ? `\n${fenceMarker(cut.openFence)}` : "";
    chunks.push(prefix + rest.slice(0, cut.end).replace(/\s+$/, "") + closing);
    rest = rest.slice(cut.end).replace(/^\n+/, "");
    reopen = cut.openFence;
  }
}

function fenceMarker(fenceLine: string): string {
  return FENCE.exec(fenceLine)![1]!;
}

/** Finds the best cut within `room` characters, reserving space to close an open fence. */
function findCut(text: string, room: number, openFenceAtStart: string | undefined): Cut {
  // Reserve room for a closing fence (newline + up to a long marker) in case the cut is inside one.
  const reserve = 12;
  const window = text.slice(0, room - reserve);
  const fenceAt = fenceStates(window, openFenceAtStart);
  const candidates = [/\n\n/g, /\n/g, /[.!?]\s/g, /\s/g];
  for (const pattern of candidates) {
    let best = -1;
    for (const m of window.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (end > window.length * 0.3) best = end;
    }
    if (best > 0) return { end: best, openFence: fenceAt(best) };
  }
  return { end: window.length, openFence: fenceAt(window.length) };
}

/** Returns a function telling which fence (if any) is open at a given offset of `text`. */
function fenceStates(text: string, initial: string | undefined): (offset: number) => string | undefined {
  const toggles: { at: number; open: string | undefined }[] = [];
  let open = initial;
  let offset = 0;
  for (const line of text.split("\n")) {
    const m = FENCE.exec(line);
    if (m) {
      if (open === undefined) open = line.trim();
      else if (m[1]!.startsWith(fenceMarker(open)) && !m[2]!.trim()) open = undefined;
      toggles.push({ at: offset + line.length, open });
    }
    offset += line.length + 1;
  }
  return (at) => {
    let state = initial;
    for (const t of toggles) if (t.at <= at) state = t.open;
    return state;
  };
}
