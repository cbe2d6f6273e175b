/** Discord snowflakes: (ms since 2015-01-01) << 22 | worker << 17 | process << 12 | increment. */
export const DISCORD_EPOCH = 1420070400000n;

let lastMs = 0n;
let increment = 0n;
let backdatedIncrement = 0n;

/** A fresh, unique snowflake for `date` (default now); ids for "now" increase monotonically. */
export function snowflake(date?: Date): string {
  let ms = BigInt((date ?? new Date()).getTime());
  if (ms < DISCORD_EPOCH) ms = DISCORD_EPOCH;
  let inc: bigint;
  if (date && ms < lastMs) {
    // Backdated (e.g. an old account): its own counter, so it never collides with current ids.
    backdatedIncrement = (backdatedIncrement + 1n) & 0xfffn;
    return (((ms - DISCORD_EPOCH) << 22n) | (2n << 17n) | backdatedIncrement).toString();
  }
  if (ms <= lastMs) {
    ms = lastMs;
    increment = (increment + 1n) & 0xfffn;
    if (increment === 0n) ms = lastMs + 1n;
  } else {
    increment = 0n;
  }
  lastMs = ms;
  inc = increment;
  return (((ms - DISCORD_EPOCH) << 22n) | (1n << 17n) | (1n << 12n) | inc).toString();
}

/** Milliseconds since the Unix epoch encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Discord's timestamp format: ISO 8601 with an explicit +00:00 offset. */
export function isoTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace("Z", "+00:00");
}

export function isSnowflake(value: unknown): value is string {
  return typeof value === "string" && /^\d{15,21}$/.test(value);
}
