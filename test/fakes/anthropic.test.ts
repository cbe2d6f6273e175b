import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type DoneInfo, type FakeLLMServer } from './index.js';

const MODEL = 'claude-sonnet-4-6';
let fake: FakeLLMServer;
const client = (maxRetries = 0) =>
  new Anthropic({ apiKey: fake.apiKey, authToken: null, baseURL: fake.baseUrl, maxRetries, timeout: 5_000 });
const params = (text = 'Hello there', extra: Partial<Anthropic.MessageCreateParamsNonStreaming> = {}): Anthropic.MessageCreateParamsNonStreaming => ({
  model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: text }], ...extra,
});
/** Aborts when nothing has arrived for `ms`; call kick() on every event. */
function idleWatchdog(ms: number) {
  const ac = new AbortController();
  let timer = setTimeout(() => ac.abort(), ms);
  return { signal: ac.signal, kick: () => (clearTimeout(timer), (timer = setTimeout(() => ac.abort(), ms))), stop: () => clearTimeout(timer) };
}
const rejection = async (p: Promise<unknown>): Promise<unknown> => p.then(() => expect.fail('expected a rejection'), (e: unknown) => e);

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => fake.setHandler((req) => ({ text: `You said: "${req.messages.at(-1)?.content}"` })));

describe('fake Anthropic Messages API with the real SDK', () => {
  it('streams text; finalMessage() has usage and stop_reason', async () => {
    fake.setHandler(() => ({ text: 'The quick brown fox jumps over the lazy dog.' }));
    const firstTokens: number[] = [];
    fake.once('firstToken', (_req, at) => firstTokens.push(at));
    const stream = client().messages.stream(params('Tell me about foxes'));
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    const msg = await stream.finalMessage();
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.join('')).toBe('The quick brown fox jumps over the lazy dog.');
    expect(msg.content).toEqual([{ type: 'text', text: 'The quick brown fox jumps over the lazy dog.' }]);
    expect(msg.stop_reason).toBe('end_turn');
    expect(msg.id).toMatch(/^msg_/);
    expect(msg.usage.output_tokens).toBe(11);
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
    expect(msg.usage.cache_read_input_tokens).toBe(0);
    expect(firstTokens).toHaveLength(1);
    const req = fake.requests.at(-1)!;
    expect(req).toMatchObject({ provider: 'anthropic', model: MODEL, stream: true, maxTokens: 256, messages: [{ role: 'user', content: 'Tell me about foxes' }] });
    expect(req.headers['anthropic-version']).toBe('2026-10-21');
    expect(req.headers['authorization']).toBe(`Bearer ${fake.apiKey}`);
  });

  it('answers non-streaming requests with the default handler, merging consecutive turns', async () => {
    fake.setHandler((await import('./index.js')).defaultHandler);
    const msg = await client().messages.create({
      model: MODEL, max_tokens: 100, system: 'Be brief.',
      messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }, { role: 'user', content: 'one' }, { role: 'user', content: [{ type: 'text', text: 'two' }] }],
    });
    expect(msg.content[0]).toEqual({ type: 'text', text: 'You said: "one\n\ntwo" (turn 2).' });
    expect(msg.stop_reason).toBe('end_turn');
    expect(fake.requests.at(-1)!.system).toBe('Be brief.');
  });

  it('stops at max_tokens', async () => {
    fake.setHandler(() => ({ text: 'one two three four five six seven' }));
    const msg = await client().messages.create(params('count', { max_tokens: 3 }));
    expect(msg.content[0]).toEqual({ type: 'text', text: 'one two three' });
    expect(msg.stop_reason).toBe('max_tokens');
  });

  it('rejects temperature with a 400 BadRequestError naming the field', async () => {
    const n = fake.requests.length;
    const err = await rejection(client().messages.create({ ...params(), temperature: 1 } as Anthropic.MessageCreateParamsNonStreaming));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    const e = err as APIError;
    expect(e.status).toBe(400);
    expect(e.type).toBe('invalid_request_error');
    expect(e.message).toContain('temperature');
    expect(e.requestID).toMatch(/^req_/);
    expect(fake.requests.length).toBe(n);
  });

  it('validates auth, headers and body like the real API', async () => {
    const bad = new Anthropic({ apiKey: 'sk-ant-wrong', authToken: null, baseURL: fake.baseUrl, maxRetries: 0 });
    expect(await rejection(bad.messages.create(params()))).toBeInstanceOf(Anthropic.AuthenticationError);
    const post = (body: unknown, headers: Record<string, string> = { 'anthropic-version': '2023-06-01' }) =>
      fetch(`${fake.baseUrl}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': fake.apiKey, ...headers }, body: JSON.stringify(body) });
    const noVersion = await post(params(), {});
    expect(noVersion.status).toBe(400);
    expect(noVersion.headers.get('request-id')).toMatch(/^req_/);
    expect(await noVersion.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('anthropic-version') }, request_id: expect.stringMatching(/^req_/) });
    const noMax = await post({ model: MODEL, messages: [{ role: 'user', content: 'x' }] });
    expect(((await noMax.json()) as { error: { message: string } }).error.message).toContain('max_tokens');
    expect((await post({ ...params(), messages: [] })).status).toBe(400);
    expect((await post({ ...params(), bogus: 1 })).status).toBe(400);
    // Older API versions still take temperature (x-api-key auth).
    expect((await post({ ...params(), temperature: 0.2 })).status).toBe(200);
    expect(fake.requests.at(-1)!.temperature).toBe(0.2);
  });

  it('retries a 429 with retry-after, then succeeds', async () => {
    fake.enqueue({ fault: { kind: 'http', status: 429, retryAfterSeconds: 0.3 } }, { text: 'second time lucky' });
    const n = fake.requests.length;
    const t0 = performance.now();
    const msg = await client(2).messages.create(params());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    expect(msg.content[0]).toMatchObject({ text: 'second time lucky' });
    expect(fake.requests.length - n).toBe(2);
    expect(fake.requests.at(-1)!.headers['x-stainless-retry-count']).toBe('1');
  });

  it('529 surfaces as an APIError with status 529 when retries are 0', async () => {
    fake.enqueue({ fault: { kind: 'http', status: 529 } });
    const err = await rejection(client(0).messages.stream(params()).finalMessage());
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as APIError).status).toBe(529);
    expect((err as APIError).type).toBe('overloaded_error');
  });

  it('in-stream overloaded_error: an APIError without status, typed overloaded_error, not retried', async () => {
    fake.enqueue({ text: 'partial reply that will be interrupted', fault: { kind: 'overloaded', afterTokens: 3 } });
    const n = fake.requests.length;
    const stream = client(2).messages.stream(params());
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    const err = await rejection(stream.finalMessage());
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as APIError).status).toBeUndefined();
    expect((err as APIError).type).toBe('overloaded_error');
    expect(texts).toHaveLength(3);
    expect(fake.requests.length - n).toBe(1);
  });

  it('cut: the stream throws after delivering part of the text', async () => {
    fake.enqueue({ text: 'this reply is cut off in the middle', fault: { kind: 'cut', afterTokens: 4 } });
    const n = fake.requests.length;
    const stream = client(2).messages.stream(params());
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(texts).toHaveLength(4);
    expect(fake.requests.length - n).toBe(1); // a cut after the headers is never retried
  });

  it('end-early: a raw for-await ends quietly without message_stop, finalMessage() rejects', async () => {
    fake.enqueue({ text: 'ends early without final events', fault: { kind: 'end-early', afterTokens: 2 } });
    const raw = await client().messages.create({ ...params(), stream: true });
    const types: string[] = [];
    for await (const ev of raw) types.push(ev.type);
    expect(types.slice(0, 2)).toEqual(['message_start', 'content_block_start']);
    expect(types.filter((t) => t === 'content_block_delta')).toHaveLength(2);
    expect(types).not.toContain('message_stop');
    expect(types).not.toContain('message_delta');

    fake.enqueue({ text: 'ends early without final events', fault: { kind: 'end-early', afterTokens: 2 } });
    await expect(client().messages.stream(params()).finalMessage()).rejects.toThrow(/without producing a Message/);
  });

  it('stall: an AbortSignal idle watchdog ends the hung stream', async () => {
    fake.enqueue({ text: 'this stream stalls after two tokens', fault: { kind: 'stall', afterTokens: 2 } });
    const done = new Promise<DoneInfo>((resolve) => {
      const onDone = (_req: unknown, info: DoneInfo) => info.outcome === 'stall' && (fake.off('done', onDone), resolve(info));
      fake.on('done', onDone);
    });
    const dog = idleWatchdog(250);
    const stream = client().messages.stream(params(), { signal: dog.signal });
    stream.on('streamEvent', dog.kick);
    const t0 = performance.now();
    const err = await rejection(stream.finalMessage());
    dog.stop();
    expect(err).toBeInstanceOf(Anthropic.APIUserAbortError);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(await done).toMatchObject({ outcome: 'stall', tokensSent: 2, status: 200 });
  });

  it('paces tokens at tokensPerSecond after firstTokenDelayMs', async () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho';
    fake.enqueue({ text, firstTokenDelayMs: 100, tokensPerSecond: 50 });
    const t0 = performance.now();
    let first = 0;
    const stream = client().messages.stream(params());
    stream.once('text', () => (first = performance.now() - t0));
    const msg = await stream.finalMessage();
    const elapsed = performance.now() - t0;
    const n = text.split(' ').length;
    expect(msg.content[0]).toMatchObject({ text });
    expect(first).toBeGreaterThanOrEqual(80);
    expect(elapsed).toBeGreaterThanOrEqual(0.8 * (100 + ((n - 1) * 1000) / 50));
  });

  it('models prompt caching of a cache_control system block of ≥ 1024 tokens', async () => {
    const system: Anthropic.TextBlockParam[] = [{ type: 'text', text: 'You are a persona. '.repeat(240), cache_control: { type: 'ephemeral' } }];
    const first = await client().messages.stream(params('a', { system })).finalMessage();
    const second = await client().messages.stream(params('b', { system })).finalMessage();
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThanOrEqual(1024);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBeLessThan(10);
    const short = await client().messages.create(params('c', { system: [{ ...system[0]!, text: 'short' }] }));
    expect(short.usage.cache_creation_input_tokens).toBe(0);
  });

  it('counts concurrent streams', async () => {
    fake.setHandler(() => ({ text: 'one two three four five', firstTokenDelayMs: 300, tokensPerSecond: 20 }));
    let seen = 0;
    const allIn = new Promise<number>((resolve) => {
      const onReq = () => {
        if (++seen < 3) return;
        fake.off('request', onReq);
        resolve(fake.activeStreams());
      };
      fake.on('request', onReq);
    });
    const running = [1, 2, 3].map(() => client().messages.stream(params()).finalMessage());
    expect(await allIn).toBe(3);
    await Promise.all(running);
    expect(fake.activeStreams()).toBe(0);
    expect(fake.maxConcurrentStreams).toBeGreaterThanOrEqual(3);
  });

  it('close() ends stalled streams', async () => {
    const own = await startFakeAnthropic();
    own.enqueue({ fault: { kind: 'stall', afterTokens: 1 } });
    const c = new Anthropic({ apiKey: own.apiKey, authToken: null, baseURL: own.baseUrl, maxRetries: 0, timeout: 5_000 });
    const stream = c.messages.stream(params());
    await new Promise<void>((r) => own.once('firstToken', () => r()));
    await own.close();
    await expect(stream.finalMessage()).rejects.toThrow();
  });
});
