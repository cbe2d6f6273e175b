import { DISCORD_MESSAGE_LIMIT, splitMessage } from "./splitMessage.js";

/** Where a persona's reply goes: the adapter posts and edits messages under the persona's name. */
export interface ReplyTarget {
  /** Posts a new message; resolves to its id. */
  post(content: string): Promise<string>;
  edit(messageId: string, content: string): Promise<void>;
  /** The longest content one message may carry (less than Discord's 2,000 when a header is added). */
  readonly contentLimit?: number;
}

export interface StreamingReplyOptions {
  /**
   * Minimum time between two edits of one message. Discord allows 5 message edits per
   * 5 s per channel; once a second leaves room for the other messages in the thread.
   */
  editIntervalMs?: number;
  limit?: number;
  now?: () => number;
  /** Shown at the end of the text while it is still streaming. */
  cursor?: string;
}

/**
 * Shows a streaming reply in Discord: the first message appears at the first tokens,
 * then each message is edited at most once per interval as text arrives; past the
 * length limit the reply continues in a new message. Only one request is in flight at a
 * time, and a request sends the newest text, so a slow API never builds a backlog.
 */
export class StreamingReply {
  private text = "";
  private readonly ids: string[] = [];
  private readonly shown: string[] = [];
  private readonly lastEditAt: number[] = [];
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;
  private finishing = false;
  private readonly interval: number;
  private readonly limit: number;
  private readonly now: () => number;
  private readonly cursor: string;

  constructor(private readonly target: ReplyTarget, options: StreamingReplyOptions = {}) {
    this.interval = options.editIntervalMs ?? 1000;
    this.limit = options.limit ?? target.contentLimit ?? DISCORD_MESSAGE_LIMIT;
    this.now = options.now ?? Date.now;
    this.cursor = options.cursor ?? " ▌";
  }

  /** The ids of the Discord messages posted so far, in order. */
  get messageIds(): readonly string[] {
    return this.ids;
  }

  get fullText(): string {
    return this.text;
  }

  push(delta: string): void {
    this.text += delta;
    this.schedule();
  }

  /** Writes the final text (without cursor, plus an optional footer line) and waits for Discord. */
  async finish(footer?: string): Promise<readonly string[]> {
    // From here on no streaming edit may start: one could land after the final text and bring the cursor back.
    this.finishing = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight) await this.inFlight;
    await this.flush(true, footer);
    if (this.failure) throw this.failure;
    return this.ids;
  }

  private chunks(final: boolean, footer?: string): string[] {
    const body = this.text.trim() || "…";
    if (final) return splitMessage(footer ? `${body}\n${footer}` : body, this.limit);
    const chunks = splitMessage(body, this.limit - this.cursor.length);
    chunks[chunks.length - 1] += this.cursor;
    return chunks;
  }

  private schedule(): void {
    if (this.inFlight || this.timer || this.failure || this.finishing) return;
    const wait = this.nextDue();
    if (wait <= 0) this.run();
    else this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, wait);
  }

  /** How long until the pending change may be sent: a new message now, an edit after the interval. */
  private nextDue(): number {
    const chunks = this.chunks(false);
    if (chunks.length > this.ids.length) return 0;
    const i = chunks.findIndex((c, k) => c !== this.shown[k]);
    if (i < 0) return Infinity;
    return (this.lastEditAt[i] ?? 0) + this.interval - this.now();
  }

  private run(): void {
    this.inFlight = this.flush(false)
      .catch((error: unknown) => {
        this.failure = error;
      })
      .finally(() => {
        this.inFlight = undefined;
        if (Number.isFinite(this.nextDue())) this.schedule();
      });
  }

  private async flush(final: boolean, footer?: string): Promise<void> {
    const chunks = this.chunks(final, footer);
    for (let i = 0; i < chunks.length; i++) {
      const content = chunks[i]!;
      if (i >= this.ids.length) {
        this.ids.push(await this.target.post(content));
      } else if (content !== this.shown[i]) {
        // While streaming, respect the interval; the final write always goes out.
        if (!final && this.now() - (this.lastEditAt[i] ?? 0) < this.interval) continue;
        await this.target.edit(this.ids[i]!, content);
      } else {
        continue;
      }
      this.shown[i] = content;
      this.lastEditAt[i] = this.now();
    }
  }
}
