// Fake OpenAI Chat Completions API (POST /v1/chat/completions, GET /v1/models) on 127.0.0.1 for the real SDK.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyTooLarge, FakeLLMBase, bearer, flushThenDestroy, estimateTokens, isObject, lowerHeaders, playTokens, randomId, readBody,
  sendJson, tokenLimit, waitClosed, waitMs,
  type Exchange, type FakeLLMOptions, type FakeLLMRequest, type FakeLLMServer,
} from './llmScript.js';

interface OpenAIErrorBody { message: string; type: string; param: string | null; code: string | null }

/** Default error bodies per status, modelled on what api.openai.com returns. */
function defaultError(status: number, model: string): OpenAIErrorBody {
  switch (status) {
    case 400: return { message: 'Invalid request.', type: 'invalid_request_error', param: null, code: null };
    case 401: return { message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' };
    case 403: return { message: 'Country, region, or territory not supported', type: 'request_forbidden', param: null, code: 'unsupported_country_region_territory' };
    case 404: return { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' };
    case 429: return { message: `Rate limit reached for ${model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again later.`, type: 'requests', param: null, code: 'rate_limit_exceeded' };
    case 503: return { message: 'The server is overloaded or not ready yet.', type: 'service_unavailable_error', param: null, code: 'server_is_overloaded' };
    case 529: return { message: 'The server is overloaded or not ready yet.', type: 'server_error', param: null, code: 'server_is_overloaded' };
    default: return { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null };
  }
}
const QUOTA_ERROR: OpenAIErrorBody = {
  message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota',
};
const OVERLOADED: OpenAIErrorBody = { message: 'The server is overloaded or not ready yet.', type: 'server_error', param: null, code: 'server_is_overloaded' };
export const OPENAI_MODELS = ['gpt-5', 'gpt-5-mini', 'gpt-4.1', 'gpt-4o-mini'];
const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
const CACHE_MIN_TOKENS = 1024;

type Parsed = Omit<FakeLLMRequest, 'provider' | 'headers' | 'body' | 'receivedAt'> & { includeUsage: boolean };
const invalid = (message: string, param: string | null, code: string | null = null): OpenAIErrorBody => ({ message, type: 'invalid_request_error', param, code });

function contentText(c: unknown): string | undefined {
  if (typeof c === 'string') return c;
  if (c === null) return '';
  if (!Array.isArray(c)) return undefined;
  return c.flatMap((p) => (isObject(p) && p['type'] === 'text' && typeof p['text'] === 'string' ? [p['text']] : [])).join('\n');
}

/** Validates a chat.completions body; returns the error object or the parsed request. */
export function parseOpenAIBody(b: unknown): OpenAIErrorBody | Parsed {
  if (!isObject(b)) return invalid('Invalid body: expected a JSON object.', null);
  if (typeof b['model'] !== 'string' || !b['model']) return invalid('you must provide a model parameter', null);
  const msgs = b['messages'];
  if (msgs === undefined) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(msgs)) return invalid("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
  if (msgs.length === 0) return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  const stream = b['stream'];
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') return invalid("Invalid type for 'stream': expected a boolean.", 'stream', 'invalid_type');
  const so = b['stream_options'];
  if (so != null && stream !== true) return invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options');
  const temperature = b['temperature'];
  if (temperature != null) {
    if (typeof temperature !== 'number') return invalid("Invalid type for 'temperature': expected a decimal.", 'temperature', 'invalid_type');
    if (temperature < 0 || temperature > 2) {
      return invalid(`Invalid 'temperature': decimal ${temperature > 2 ? 'above maximum value. Expected a value <= 2' : 'below minimum value. Expected a value >= 0'}, but got ${temperature} instead.`, 'temperature', temperature > 2 ? 'decimal_above_max_value' : 'decimal_below_min_value');
    }
  }
  let maxTokens: number | undefined;
  for (const f of ['max_tokens', 'max_completion_tokens']) {
    const v = b[f];
    if (v == null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return invalid(`Invalid '${f}': expected an integer >= 1, but got ${JSON.stringify(v)} instead.`, f, 'invalid_value');
    maxTokens = v;
  }
  const system: string[] = [];
  const messages: Parsed['messages'] = [];
  for (const [i, m] of msgs.entries()) {
    if (!isObject(m)) return invalid(`Invalid type for 'messages[${i}]': expected an object.`, `messages[${i}]`, 'invalid_type');
    const role = m['role'];
    if (typeof role !== 'string' || !ROLES.includes(role)) {
      return invalid(`Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, `messages[${i}].role`, 'invalid_value');
    }
    const text = contentText(m['content']);
    if (text === undefined && !(role === 'assistant' && m['content'] === undefined)) {
      return invalid(`Invalid type for 'messages[${i}].content': expected one of a string or array of objects.`, `messages[${i}].content`, 'invalid_type');
    }
    if (role === 'system' || role === 'developer') system.push(text ?? '');
    else if (role === 'user' || role === 'assistant') {
      if (messages.at(-1)?.role === role) messages.at(-1)!.content += `\n\n${text ?? ''}`;
      else messages.push({ role, content: text ?? '' });
    }
  }
  return {
    model: b['model'], system: system.join('\n\n'), messages, stream: stream === true,
    ...(maxTokens !== undefined ? { maxTokens } : {}), ...(typeof temperature === 'number' ? { temperature } : {}),
    includeUsage: isObject(so) && so['include_usage'] === true,
  };
}

const requestId = () => `req_${randomId(32, '0123456789abcdef')}`;

function sendError(res: ServerResponse, status: number, error: OpenAIErrorBody, extra: Record<string, string> = {}): void {
  sendJson(res, status, { error }, { 'x-request-id': requestId(), ...extra });
}

class FakeOpenAI extends FakeLLMBase {
  /** Automatic prompt caching model: system prompts of ≥ 1024 tokens seen before count as cached. */
  readonly #seen = new Set<string>();

  constructor(options: FakeLLMOptions) {
    super(options, 'sk-proj-fake-');
  }

  protected internalError(res: ServerResponse): void {
    sendError(res, 500, defaultError(500, ''));
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, receivedAt: number): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = lowerHeaders(req);
    const route = `${req.method} ${path}`;
    const key = bearer(headers);
    if (!key) {
      return sendError(res, 401, invalid("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null));
    }
    if (key !== this.apiKey) return sendError(res, 401, defaultError(401, ''));
    if (route === 'GET /v1/models') {
      return sendJson(res, 200, { object: 'list', data: OPENAI_MODELS.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' })) }, { 'x-request-id': requestId() });
    }
    if (route !== 'POST /v1/chat/completions') return sendError(res, 404, invalid(`Invalid URL (${route})`, null));
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendError(res, 413, invalid('Request too large.', null));
      return sendError(res, 400, invalid('We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly.)', null));
    }
    const parsed = parseOpenAIBody(body);
    if ('type' in parsed) return sendError(res, 400, parsed);
    const { includeUsage, ...fields } = parsed;
    const x = await this.begin({ provider: 'openai', ...fields, headers, body, receivedAt }, res);
    return this.#answer(x, includeUsage);
  }

  #usage(x: Exchange) {
    const { req, plan } = x;
    const prompt = plan.usage.inputTokens ?? estimateTokens([req.system, ...req.messages.map((m) => m.content)].join('\n\n'));
    let cached = 0;
    const sysTokens = estimateTokens(req.system);
    if (sysTokens >= CACHE_MIN_TOKENS) {
      const k = `${req.model}\u0000${req.system}`;
      if (this.#seen.has(k)) cached = Math.floor(sysTokens / 128) * 128;
      this.#seen.add(k);
    }
    cached = plan.usage.cachedTokens ?? cached;
    const completion = plan.usage.outputTokens;
    return {
      prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
  }

  async #answer(x: Exchange, includeUsage: boolean): Promise<void> {
    const { req, res, plan } = x;
    const fault = plan.fault;
    if (fault?.kind === 'http') {
      if (!(await waitMs(x, plan.firstTokenDelayMs))) return;
      x.info.outcome = 'http-error';
      const base = fault.type === 'insufficient_quota' ? QUOTA_ERROR : defaultError(fault.status, req.model);
      const error = { ...base, ...(fault.type ? { type: fault.type } : {}), ...(fault.message ? { message: fault.message } : {}) };
      return sendError(res, fault.status, error, fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
    }
    const usage = this.#usage(x);
    const finish = plan.stopReason === 'max_tokens' ? 'length' : 'stop';
    const rid = requestId();
    const common = { id: `chatcmpl-${randomId(29)}`, created: Math.floor(Date.now() / 1000), model: req.model, service_tier: 'default', system_fingerprint: `fp_${randomId(10, '0123456789abcdef')}` };
    const limit = tokenLimit(plan);

    if (!req.stream) {
      if (!(await playTokens(x, limit, () => undefined))) return;
      const full = JSON.stringify({
        ...common, object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: plan.text, refusal: null, annotations: [] }, logprobs: null, finish_reason: finish }],
        usage,
      });
      x.info.outcome = fault?.kind ?? 'complete';
      switch (fault?.kind) {
        case 'cut':
          return void res.destroy(); // no response at all: the SDK sees a connection error
        case 'stall':
          return waitClosed(x);
        case 'overloaded':
          return sendError(res, 503, defaultError(503, req.model));
        case 'end-early':
          res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': rid });
          return void res.end(full.slice(0, Math.floor(full.length / 2)));
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(full), 'x-request-id': rid, 'openai-processing-ms': String(Math.round(performance.now() - req.receivedAt)) });
      return void res.end(full);
    }

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': rid });
    const data = (obj: unknown) => res.write(`data: ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n\n`);
    const chunk = (choices: unknown[], extra: object = {}) =>
      data({ ...common, object: 'chat.completion.chunk', choices, ...(includeUsage ? { usage: null } : {}), ...extra });
    const choice = (delta: object, finish_reason: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason });
    chunk([choice({ role: 'assistant', content: '', refusal: null })]);
    const ok = await playTokens(x, limit, (content) => chunk([choice({ content })]));
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
        data({ error: OVERLOADED });
        return void res.end();
    }
    chunk([choice({}, finish)]);
    if (includeUsage) chunk([], { usage });
    data('[DONE]');
    x.info.outcome = 'complete';
    res.end();
  }
}

/** Starts a fake OpenAI API on 127.0.0.1; `baseUrl` already ends in /v1, as the SDK expects. */
export function startFakeOpenAI(options: FakeLLMOptions = {}): Promise<FakeLLMServer> {
  return new FakeOpenAI(options).listen('/v1');
}
