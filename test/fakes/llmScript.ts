// Shared pieces of the fake LLM servers: script types, the tokeniser, token timing, and the
// HTTP/EventEmitter base that both provider fakes build on. Loopback only (127.0.0.1).
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export type Provider = 'anthropic' | 'openai';

export interface FakeLLMRequest {
  provider: Provider;
  model: string;
  /** System prompt(s) joined with blank lines ("" when none). */
  system: string;
  /** Text of each turn; consecutive same-role turns are merged, as the real APIs do. */
  messages: { role: 'user' | 'assistant'; content: string }[];
  stream: boolean;
  maxTokens?: number;
  temperature?: number;
  headers: Record<string, string>;
  body: unknown;
  receivedAt: number; // performance.now()
}

export type HttpFaultStatus = 400 | 401 | 403 | 404 | 429 | 500 | 503 | 529;
export type Fault =
  | { kind: 'http'; status: HttpFaultStatus; type?: string; message?: string; retryAfterSeconds?: number }
  | { kind: 'cut'; afterTokens: number }
  | { kind: 'stall'; afterTokens: number }
  | { kind: 'end-early'; afterTokens: number }
  | { kind: 'overloaded'; afterTokens: number };

export interface ReplyScript {
  text?: string;
  firstTokenDelayMs?: number;
  tokensPerSecond?: number;
  stopReason?: 'end_turn' | 'max_tokens';
  usage?: { inputTokens?: number; outputTokens?: number; cachedTokens?: number };
  fault?: Fault;
}

export type Handler = (req: FakeLLMRequest) => ReplyScript | Promise<ReplyScript>;

export interface FakeLLMOptions {
  apiKey?: string;
  handler?: Handler;
}

export type Outcome = 'complete' | 'http-error' | 'cut' | 'stall' | 'end-early' | 'overloaded' | 'aborted';
export interface DoneInfo {
  outcome: Outcome; // 'aborted': the client went away before the server finished
  status: number; // HTTP status sent (0 when the socket was destroyed before headers)
  tokensSent: number;
  atMs: number; // performance.now() when the response closed
}

export type FakeLLMEvents = {
  request: [req: FakeLLMRequest];
  firstToken: [req: FakeLLMRequest, atMs: number];
  done: [req: FakeLLMRequest, info: DoneInfo];
};

export interface FakeLLMServer extends EventEmitter<FakeLLMEvents> {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly requests: FakeLLMRequest[];
  setHandler(h: Handler): void;
  enqueue(...scripts: ReplyScript[]): void;
  activeStreams(): number;
  readonly maxConcurrentStreams: number;
  close(): Promise<void>;
}

/** Splits text into ≈4-character pieces, cutting at word boundaries where possible; join('') === text. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const [word] of text.matchAll(/ ?\S+|\s+/g)) {
    if (word.trimStart().length <= 6) out.push(word);
    else for (let i = 0; i < word.length; i += 4) out.push(word.slice(i, i + 4));
  }
  return out;
}

/** Rough token count: characters / 4, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** `You said: "<last user message>" (turn N).` where N counts user turns including this one. */
export function defaultReply(req: FakeLLMRequest): string {
  const users = req.messages.filter((m) => m.role === 'user');
  return `You said: "${users.at(-1)?.content ?? ''}" (turn ${users.length}).`;
}
export const defaultHandler: Handler = (req) => ({ text: defaultReply(req) });

/** A script with defaults filled in and max_tokens applied. */
export interface PlannedReply {
  text: string;
  tokens: string[];
  firstTokenDelayMs: number;
  tokensPerSecond?: number;
  stopReason: 'end_turn' | 'max_tokens';
  usage: { inputTokens?: number; outputTokens: number; cachedTokens?: number };
  fault?: Fault;
}

export function planReply(script: ReplyScript, req: FakeLLMRequest): PlannedReply {
  let tokens = tokenize(script.text ?? defaultReply(req));
  let stopReason = script.stopReason;
  if (req.maxTokens !== undefined && tokens.length > req.maxTokens) {
    tokens = tokens.slice(0, req.maxTokens);
    stopReason ??= 'max_tokens';
  }
  const text = tokens.join('');
  const usage = { ...script.usage, outputTokens: script.usage?.outputTokens ?? estimateTokens(text) };
  return { text, tokens, firstTokenDelayMs: script.firstTokenDelayMs ?? 0, tokensPerSecond: script.tokensPerSecond, stopReason: stopReason ?? 'end_turn', usage, fault: script.fault };
}

/** Number of tokens to send before a fault strikes (all of them when there is none). */
export function tokenLimit(p: PlannedReply): number {
  const f = p.fault;
  return f && f.kind !== 'http' ? Math.max(0, Math.min(f.afterTokens, p.tokens.length)) : p.tokens.length;
}

/** One request being answered: the plan, a signal that fires when the response closes, and bookkeeping. */
export interface Exchange {
  req: FakeLLMRequest;
  res: ServerResponse;
  plan: PlannedReply;
  signal: AbortSignal;
  info: DoneInfo;
  sent(i: number): void;
}

/** Resolves after `ms` (false if the response closed first). */
export async function waitMs(x: Exchange, ms: number): Promise<boolean> {
  if (ms > 0) await sleep(ms, undefined, { signal: x.signal }).catch(() => undefined);
  return !x.signal.aborted;
}

/** Resolves when the response closes (client abort, socket destroyed, or server close()). */
export function waitClosed(x: Exchange): Promise<void> {
  return x.signal.aborted ? Promise.resolve() : new Promise((r) => x.signal.addEventListener('abort', () => r(), { once: true }));
}

/**
 * Paces tokens: token i goes out at receivedAt + firstTokenDelayMs + i / tokensPerSecond (absolute
 * schedule, so timer lateness does not accumulate). Returns false if the response closed meanwhile.
 */
export async function playTokens(x: Exchange, limit: number, onToken: (piece: string, i: number) => void): Promise<boolean> {
  const { tokens, firstTokenDelayMs, tokensPerSecond } = x.plan;
  const interval = tokensPerSecond && tokensPerSecond > 0 ? 1000 / tokensPerSecond : 0;
  const start = x.req.receivedAt + firstTokenDelayMs;
  if (limit === 0) return waitMs(x, start - performance.now());
  for (let i = 0; i < limit; i++) {
    if (!(await waitMs(x, start + i * interval - performance.now()))) return false;
    onToken(tokens[i]!, i);
    x.sent(i);
  }
  return !x.signal.aborted;
}

/** Abruptly closes the connection after what was already written has reached the socket (Node corks writes until nextTick). */
export async function flushThenDestroy(res: ServerResponse): Promise<void> {
  await new Promise((r) => setImmediate(r));
  const sock = res.socket;
  if (sock && !sock.destroyed && sock.writableLength > 0) {
    await new Promise((r) => { sock.once('drain', r); setTimeout(r, 1000).unref(); });
  }
  res.destroy();
}

export function randomId(len: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  return Array.from(randomBytes(len), (b) => alphabet[b % alphabet.length]).join('');
}

export function lowerHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

export function bearer(headers: Record<string, string>): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '')?.[1]?.trim();
}

export class BodyTooLarge extends Error {}
export async function readBody(req: IncomingMessage, limit = 32 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** HTTP server + script queue + events shared by the provider fakes. */
export abstract class FakeLLMBase extends EventEmitter<FakeLLMEvents> implements FakeLLMServer {
  baseUrl = '';
  readonly apiKey: string;
  readonly requests: FakeLLMRequest[] = [];
  maxConcurrentStreams = 0;
  #queue: ReplyScript[] = [];
  #handler: Handler;
  #active = 0;
  readonly #server: Server;

  constructor(options: FakeLLMOptions, keyPrefix: string) {
    super();
    this.apiKey = options.apiKey ?? `${keyPrefix}${randomId(32)}`;
    this.#handler = options.handler ?? defaultHandler;
    this.#server = createServer((req, res) => {
      const receivedAt = performance.now();
      this.handle(req, res, receivedAt).catch((err: unknown) => {
        if (res.headersSent) res.destroy();
        else this.internalError(res, err);
      });
    });
  }

  /** Route and answer one HTTP request. */
  protected abstract handle(req: IncomingMessage, res: ServerResponse, receivedAt: number): Promise<void>;
  /** Answer with the provider's 500 body (handler threw, etc.). */
  protected abstract internalError(res: ServerResponse, err: unknown): void;

  async listen(pathPrefix: string): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.baseUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${pathPrefix}`;
    return this;
  }

  setHandler(h: Handler): void {
    this.#handler = h;
  }
  enqueue(...scripts: ReplyScript[]): void {
    this.#queue.push(...scripts);
  }
  activeStreams(): number {
    return this.#active;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  /** Record a validated request, pick its script (queue first, then handler) and start tracking it. */
  protected async begin(req: FakeLLMRequest, res: ServerResponse): Promise<Exchange> {
    const ac = new AbortController();
    const info: DoneInfo = { outcome: 'aborted', status: 0, tokensSent: 0, atMs: 0 };
    this.#active++;
    this.maxConcurrentStreams = Math.max(this.maxConcurrentStreams, this.#active);
    res.once('close', () => {
      this.#active--;
      ac.abort();
      info.status = res.headersSent ? res.statusCode : 0;
      info.atMs = performance.now();
      this.emit('done', req, info);
    });
    this.requests.push(req);
    this.emit('request', req);
    let script: ReplyScript;
    try {
      script = this.#queue.shift() ?? (await this.#handler(req));
    } catch (err) {
      info.outcome = 'http-error'; // answered with the provider's 500 by the caller's catch
      throw err;
    }
    return {
      req,
      res,
      plan: planReply(script, req),
      signal: ac.signal,
      info,
      sent: (i) => {
        info.tokensSent = i + 1;
        if (i === 0) this.emit('firstToken', req, performance.now());
      },
    };
  }
}
