// Fake Anthropic Messages API (POST /v1/messages, GET /v1/models) on 127.0.0.1 for the real SDK.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyTooLarge, FakeLLMBase, bearer, flushThenDestroy, estimateTokens, isObject, lowerHeaders, playTokens, randomId, readBody,
  sendJson, tokenLimit, waitClosed, waitMs,
  type Exchange, type FakeLLMOptions, type FakeLLMRequest, type FakeLLMServer,
} from './llmScript.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 503: 'api_error', 529: 'overloaded_error',
};
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request', 401: 'invalid x-api-key', 403: 'Your API key does not have permission to use the specified resource.',
  404: 'Not found', 413: 'Request exceeds the maximum allowed number of bytes.',
  429: 'This request would exceed the rate limit for your organization. Please try again later.',
  500: 'Internal server error', 503: 'Service unavailable', 529: 'Overloaded',
};
/** Body fields the Messages API knows (MessageCreateParamsBase of @anthropic-ai/sdk 1.12), plus the sampling ones. */
const KNOWN_FIELDS = new Set([
  'model', 'messages', 'max_tokens', 'cache_control', 'container', 'diagnostics', 'inference_geo', 'metadata',
  'output_config', 'service_tier', 'speed', 'stop_sequences', 'stream', 'system', 'thinking', 'tool_choice', 'tools',
  'temperature', 'top_p', 'top_k',
]);
/** From this version on, sampling parameters are rejected (see PLATFORM-NOTES). */
const STRICT_VERSION = '2026-10-21';
const CACHE_MIN_TOKENS = 1024;
const CACHE_TTL_MS = 5 * 60_000;
export const ANTHROPIC_MODELS = ['claude-opus-4-8', 'claude-sonnet-4-6', 'claude-haiku-4-5'];

type Parsed = Omit<FakeLLMRequest, 'provider' | 'headers' | 'body' | 'receivedAt'> & { cachePrefix?: string };

function textOf(content: unknown[]): string {
  return content.flatMap((b) => (isObject(b) && b['type'] === 'text' && typeof b['text'] === 'string' ? [b['text']] : [])).join('\n');
}

/** Validates a request body the way the API does; returns an error message or the parsed request. */
export function parseAnthropicBody(b: unknown, version: string): string | Parsed {
  if (!isObject(b)) return 'body: Input should be a valid dictionary';
  for (const k of Object.keys(b)) if (!KNOWN_FIELDS.has(k)) return `${k}: Extra inputs are not permitted`;
  const strict = version >= STRICT_VERSION;
  if (strict) for (const f of ['temperature', 'top_p', 'top_k']) {
    if (f in b) return `${f}: sampling parameter \`${f}\` is not supported with anthropic-version ${version}; remove it from the request`;
  }
  if (typeof b['model'] !== 'string' || !b['model']) return 'model: Field required';
  const maxTokens = b['max_tokens'];
  if (maxTokens === undefined) return 'max_tokens: Field required';
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 0) return 'max_tokens: Input should be a valid non-negative integer';
  const temperature = b['temperature'];
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 1)) return 'temperature: Input should be a number between 0 and 1';
  if (b['stream'] !== undefined && typeof b['stream'] !== 'boolean') return 'stream: Input should be a valid boolean';

  const systemParts: string[] = [];
  let cachePrefix: string | undefined;
  const sys = b['system'];
  if (typeof sys === 'string') systemParts.push(sys);
  else if (Array.isArray(sys)) {
    for (const [j, blk] of sys.entries()) {
      if (!isObject(blk) || blk['type'] !== 'text' || typeof blk['text'] !== 'string') return `system.${j}: Input should be a text block`;
      systemParts.push(blk['text']);
      const cc = blk['cache_control'];
      if (cc !== undefined && cc !== null) {
        if (!isObject(cc) || cc['type'] !== 'ephemeral') return `system.${j}.cache_control.type: Input should be 'ephemeral'`;
        cachePrefix = systemParts.join('\n\n');
      }
    }
  } else if (sys !== undefined) return 'system: Input should be a valid string or a list of text blocks';

  const msgs = b['messages'];
  if (msgs === undefined) return 'messages: Field required';
  if (!Array.isArray(msgs)) return 'messages: Input should be a valid list';
  if (msgs.length === 0) return 'messages: at least one message is required';
  const messages: Parsed['messages'] = [];
  for (const [i, m] of msgs.entries()) {
    if (!isObject(m)) return `messages.${i}: Input should be a valid dictionary`;
    const role = m['role'];
    if (role !== 'user' && role !== 'assistant' && role !== 'system') return `messages.${i}.role: Input should be 'user', 'assistant' or 'system'`;
    const c = m['content'];
    if (typeof c !== 'string' && !Array.isArray(c)) return `messages.${i}.content: Input should be a valid string or a list of content blocks`;
    if (Array.isArray(c)) {
      for (const [j, blk] of c.entries()) {
        if (!isObject(blk) || typeof blk['type'] !== 'string') return `messages.${i}.content.${j}.type: Field required`;
        if (strict && role === 'assistant' && blk['type'] === 'document') return `messages.${i}.content.${j}: document blocks are not supported in assistant messages`;
        if (strict && role === 'user' && blk['type'] === 'text' && blk['citations'] != null) return `messages.${i}.content.${j}.citations: citations are not supported on user text blocks`;
      }
    }
    const text = typeof c === 'string' ? c : textOf(c);
    const isFinalAssistant = i === msgs.length - 1 && role === 'assistant';
    if ((typeof c === 'string' ? c === '' : c.length === 0) && !isFinalAssistant) {
      return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    }
    if (role === 'system') systemParts.push(text);
    else if (messages.at(-1)?.role === role) messages.at(-1)!.content += `\n\n${text}`;
    else messages.push({ role, content: text });
  }
  return {
    model: b['model'], system: systemParts.join('\n\n'), messages, stream: b['stream'] === true, maxTokens,
    ...(typeof temperature === 'number' ? { temperature } : {}), ...(cachePrefix !== undefined ? { cachePrefix } : {}),
  };
}

const requestId = () => `req_011C${randomId(20)}`;

function sendError(res: ServerResponse, status: number, type: string, message: string, extra: Record<string, string> = {}): void {
  const rid = requestId();
  sendJson(res, status, { type: 'error', error: { type, message }, request_id: rid }, { 'request-id': rid, ...extra });
}

class FakeAnthropic extends FakeLLMBase {
  /** Prompt-cache model: cache key → last use (ms). */
  readonly #cache = new Map<string, number>();

  constructor(options: FakeLLMOptions) {
    super(options, 'sk-ant-fake-');
  }

  protected internalError(res: ServerResponse, err: unknown): void {
    sendError(res, 500, 'api_error', `Internal server error (fake: ${String(err)})`);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, receivedAt: number): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = lowerHeaders(req);
    const key = headers['x-api-key'] || bearer(headers);
    const route = `${req.method} ${path}`;
    if (route !== 'POST /v1/messages' && route !== 'GET /v1/models') return sendError(res, 404, 'not_found_error', 'Not Found');
    if (!key) return sendError(res, 401, 'authentication_error', 'x-api-key header is required');
    if (key !== this.apiKey) return sendError(res, 401, 'authentication_error', headers['x-api-key'] ? 'invalid x-api-key' : 'invalid bearer token');
    const version = headers['anthropic-version'];
    if (!version) return sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
    if (route === 'GET /v1/models') {
      const data = ANTHROPIC_MODELS.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' }));
      return sendJson(res, 200, { data, has_more: false, first_id: data[0]!.id, last_id: data.at(-1)!.id }, { 'request-id': requestId() });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendError(res, 413, 'request_too_large', DEFAULT_MESSAGES[413]!);
      return sendError(res, 400, 'invalid_request_error', 'There was an issue with the format of your request: the body is not valid JSON');
    }
    const parsed = parseAnthropicBody(body, version);
    if (typeof parsed === 'string') return sendError(res, 400, 'invalid_request_error', parsed);
    const { cachePrefix, ...fields } = parsed;
    const x = await this.begin({ provider: 'anthropic', ...fields, headers, body, receivedAt }, res);
    return this.#answer(x, cachePrefix);
  }

  #usage(x: Exchange, cachePrefix: string | undefined) {
    const { req, plan } = x;
    const total = estimateTokens([req.system, ...req.messages.map((m) => m.content)].join('\n\n'));
    let created = 0;
    let read = 0;
    if (cachePrefix !== undefined && estimateTokens(cachePrefix) >= CACHE_MIN_TOKENS) {
      const k = `${req.model}\u0000${cachePrefix}`;
      const last = this.#cache.get(k);
      if (last !== undefined && Date.now() - last < CACHE_TTL_MS) read = estimateTokens(cachePrefix);
      else created = estimateTokens(cachePrefix);
      this.#cache.set(k, Date.now());
    }
    if (plan.usage.cachedTokens !== undefined) [read, created] = [plan.usage.cachedTokens, 0];
    return {
      input_tokens: plan.usage.inputTokens ?? Math.max(0, total - created - read),
      cache_creation_input_tokens: created,
      cache_read_input_tokens: read,
      cache_creation: { ephemeral_5m_input_tokens: created, ephemeral_1h_input_tokens: 0 },
      output_tokens: plan.usage.outputTokens,
      service_tier: 'standard',
    };
  }

  async #answer(x: Exchange, cachePrefix: string | undefined): Promise<void> {
    const { req, res, plan } = x;
    const fault = plan.fault;
    if (fault?.kind === 'http') {
      if (!(await waitMs(x, plan.firstTokenDelayMs))) return;
      x.info.outcome = 'http-error';
      const extra: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return sendError(res, fault.status, fault.type ?? ERROR_TYPES[fault.status]!, fault.message ?? DEFAULT_MESSAGES[fault.status]!, extra);
    }
    const usage = this.#usage(x, cachePrefix);
    const rid = requestId();
    const message = {
      id: `msg_01${randomId(22)}`, type: 'message', role: 'assistant', model: req.model, content: [] as unknown[],
      stop_reason: null as string | null, stop_sequence: null, stop_details: null, container: null, usage,
    };
    const limit = tokenLimit(plan);

    if (!req.stream) {
      if (!(await playTokens(x, limit, () => undefined))) return;
      const full = JSON.stringify({ ...message, content: [{ type: 'text', text: plan.text }], stop_reason: plan.stopReason });
      x.info.outcome = fault?.kind ?? 'complete';
      switch (fault?.kind) {
        case 'cut':
          return void res.destroy(); // no response at all: the SDK sees a connection error
        case 'stall':
          return waitClosed(x);
        case 'overloaded':
          return sendError(res, 529, 'overloaded_error', 'Overloaded');
        case 'end-early':
          res.writeHead(200, { 'content-type': 'application/json', 'request-id': rid });
          return void res.end(full.slice(0, Math.floor(full.length / 2)));
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(full), 'request-id': rid });
      return void res.end(full);
    }

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'request-id': rid });
    const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    send('message_start', { message: { ...message, usage: { ...usage, output_tokens: 1 } } });
    send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    send('ping', {});
    const ok = await playTokens(x, limit, (text) => send('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }));
    if (!ok) return;
    switch (fault?.kind) {
      case 'cut':
        x.info.outcome = 'cut';
        return flushThenDestroy(res);
      case 'stall':
        x.info.outcome = 'stall';
        return waitClosed(x);
      case 'end-early':
        x.info.outcome = 'end-early';
        return void res.end();
      case 'overloaded':
        x.info.outcome = 'overloaded';
        send('error', { error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: rid });
        return void res.end();
    }
    send('content_block_stop', { index: 0 });
    const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens } = usage;
    send('message_delta', {
      delta: { stop_reason: plan.stopReason, stop_sequence: null, stop_details: null },
      usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens },
    });
    send('message_stop', {});
    x.info.outcome = 'complete';
    res.end();
  }
}

/** Starts a fake Anthropic API on 127.0.0.1; point the SDK at it with `baseURL: server.baseUrl`. */
export function startFakeAnthropic(options: FakeLLMOptions = {}): Promise<FakeLLMServer> {
  return new FakeAnthropic(options).listen('');
}
