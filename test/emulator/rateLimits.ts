/**
 * Per-route rate limit buckets (route template + major parameter) and the per-token global limit,
 * answered with Discord's headers so discord.js's queue can follow them.
 */
import { createHash } from "node:crypto";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** Requests per window per bot token across all routes (interaction callbacks and token webhooks exempt). */
  global: RateLimitRule | null;
  messageCreate: RateLimitRule;
  messageEdit: RateLimitRule;
  messageDelete: RateLimitRule;
  reactions: RateLimitRule;
  webhookExecute: RateLimitRule;
  webhookEdit: RateLimitRule;
  threadCreate: RateLimitRule;
  typing: RateLimitRule;
  /** Every other route (null: unlimited). */
  default: RateLimitRule | null;
}

export type BucketName = Exclude<keyof RateLimitConfig, "enabled" | "global">;

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  enabled: true,
  global: { limit: 50, windowMs: 1000 },
  messageCreate: { limit: 5, windowMs: 5000 },
  messageEdit: { limit: 5, windowMs: 5000 },
  messageDelete: { limit: 5, windowMs: 5000 },
  reactions: { limit: 1, windowMs: 250 },
  webhookExecute: { limit: 5, windowMs: 2000 },
  webhookEdit: { limit: 5, windowMs: 2000 },
  threadCreate: { limit: 10, windowMs: 10_000 },
  typing: { limit: 5, windowMs: 5000 },
  default: { limit: 50, windowMs: 1000 },
};

export type RateLimitOptions = Partial<RateLimitConfig> | false;

export function resolveRateLimits(opt: RateLimitOptions | undefined): RateLimitConfig {
  if (opt === false) return { ...DEFAULT_RATE_LIMITS, enabled: false };
  return { ...DEFAULT_RATE_LIMITS, ...(opt ?? {}) };
}

interface Window {
  resetAt: number; // performance.now() ms
  count: number;
}

export interface RateLimitVerdict {
  headers: Record<string, string>;
  /** set when the request must be answered with 429 */
  limited: null | { retryAfterMs: number; global: boolean; body: Record<string, unknown> };
}

const secs = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

export class RateLimiter {
  private windows = new Map<string, Window>();
  private globalWindow: Window | null = null;

  constructor(private config: RateLimitConfig) {}

  bucketHash(bucket: BucketName): string {
    return createHash("sha1").update(`emulator:${bucket}`).digest("hex").slice(0, 32);
  }

  /** Check and consume the global limit. Gives the client 50 ms of slack for clock/window skew. */
  checkGlobal(now: number): RateLimitVerdict["limited"] {
    const rule = this.config.global;
    if (!this.config.enabled || !rule) return null;
    if (!this.globalWindow || now >= this.globalWindow.resetAt - 50) {
      this.globalWindow = { resetAt: now + rule.windowMs, count: 0 };
    }
    if (this.globalWindow.count >= rule.limit) {
      const retryAfterMs = this.globalWindow.resetAt - now;
      return {
        retryAfterMs,
        global: true,
        body: { message: "You are being rate limited.", retry_after: Number(secs(retryAfterMs)), global: true },
      };
    }
    this.globalWindow.count++;
    return null;
  }

  /** Check and consume one request of `bucket` for the major parameter `major`. */
  check(bucket: BucketName, major: string, now: number): RateLimitVerdict {
    const rule = this.config[bucket];
    if (!this.config.enabled || !rule) return { headers: {}, limited: null };
    const key = `${bucket}:${major}`;
    let w = this.windows.get(key);
    if (!w || now >= w.resetAt) {
      w = { resetAt: now + rule.windowMs, count: 0 };
      this.windows.set(key, w);
    }
    const resetAfter = w.resetAt - now;
    const base = {
      "X-RateLimit-Limit": String(rule.limit),
      "X-RateLimit-Reset": ((Date.now() + resetAfter) / 1000).toFixed(3),
      "X-RateLimit-Reset-After": secs(resetAfter),
      "X-RateLimit-Bucket": this.bucketHash(bucket),
    };
    if (w.count >= rule.limit) {
      return {
        headers: { ...base, "X-RateLimit-Remaining": "0" },
        limited: {
          retryAfterMs: resetAfter,
          global: false,
          body: { message: "You are being rate limited.", retry_after: Number(secs(resetAfter)), global: false },
        },
      };
    }
    w.count++;
    return { headers: { ...base, "X-RateLimit-Remaining": String(rule.limit - w.count) }, limited: null };
  }
}

/** Headers for a 429 answer. */
export function limitedHeaders(limited: NonNullable<RateLimitVerdict["limited"]>): Record<string, string> {
  const h: Record<string, string> = {
    "Retry-After": String(Math.max(1, Math.ceil(limited.retryAfterMs / 1000))),
    "X-RateLimit-Scope": limited.global ? "global" : "user",
  };
  if (limited.global) h["X-RateLimit-Global"] = "true";
  return h;
}
