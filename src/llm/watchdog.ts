/**
 * Aborts a stream that stops sending. The SDKs' `timeout` covers only the wait for
 * response headers; a stream that stalls afterwards would hang forever without this.
 */
export class IdleWatchdog {
  readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  fired = false;

  constructor(private readonly idleMs: number, outer?: AbortSignal) {
    outer?.addEventListener("abort", () => this.controller.abort(outer.reason), { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Call once the response has started (the SDK's own timeout covers the wait before), then on every event. */
  poke(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort(new Error(`no data for ${this.idleMs} ms`));
    }, this.idleMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
