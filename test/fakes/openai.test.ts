import OpenAI, { APIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultHandler, startFakeOpenAI, type DoneInfo, type FakeLLMServer } from './index.js';

const MODEL = 'gpt-4o-mini';
type Params = Omit<ChatCompletionCreateParamsNonStreaming, 'stream'>;
let fake: FakeLLMServer;
const client = (maxRetries = 0) => new OpenAI({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries, timeout: 5_000 });
const params = (text = 'Hello there', extra: Partial<Params> = {}): Params => ({
  model: MODEL, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: text }], ...extra,
});
function idleWatchdog(ms: number) {
  const ac = new AbortController();
  let timer = setTimeout(() => ac.abort(), ms);
  return { signal: ac.signal, kick: () => (clearTimeout(timer), (timer = setTimeout(() => ac.abort(), ms))), stop: () => clearTimeout(timer) };
}
const rejection = async (p: Promise<unknown>): Promise<unknown> => p.then(() => expect.fail('expected a rejection'), (e: unknown) => e);
async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const c of stream) chunks.push(c);
  return chunks;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.setHandler(defaultHandler));

describe('fake OpenAI Chat Completions API with the real SDK', () => {
  it('streams chunks: role first, content deltas, finish_reason, usage chunk, [DONE]', async () => {
    fake.setHandler(() => ({ text: 'The quick brown fox jumps over the lazy dog.' }));
    const stream = await client().chat.completions.create({ ...params(), stream: true, stream_options: { include_usage: true } });
    const chunks = await collect(stream);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks[0]!.object).toBe('chat.completion.chunk');
    expect(chunks[0]!.id).toMatch(/^chatcmpl-/);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('The quick brown fox jumps over the lazy dog.');
    const finals = chunks.filter((c) => c.choices[0]?.finish_reason);
    expect(finals.map((c) => c.choices[0]!.finish_reason)).toEqual(['stop']);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ completion_tokens: 11, prompt_tokens_details: { cached_tokens: 0 } });
    expect(last.usage!.total_tokens).toBe(last.usage!.prompt_tokens + 11);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    const req = fake.requests.at(-1)!;
    expect(req).toMatchObject({ provider: 'openai', model: MODEL, system: 'Be brief.', stream: true });
    expect(req.headers['authorization']).toBe(`Bearer ${fake.apiKey}`);
  });

  it('chat.completions.stream().finalChatCompletion() assembles the reply', async () => {
    const runner = client().chat.completions.stream({ ...params('What now?'), stream_options: { include_usage: true } });
    const deltas: string[] = [];
    runner.on('content', (d) => deltas.push(d));
    const done = await runner.finalChatCompletion();
    expect(done.choices[0]!.message.content).toBe('You said: "What now?" (turn 1).');
    expect(done.choices[0]!.finish_reason).toBe('stop');
    expect(done.usage?.completion_tokens).toBeGreaterThan(0);
    expect(deltas.length).toBeGreaterThan(3);
  });

  it('non-streaming create, max_completion_tokens → finish_reason length, temperature recorded', async () => {
    const full = await client().chat.completions.create(params('hi', { temperature: 0.7 }));
    expect(full.object).toBe('chat.completion');
    expect(full.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'You said: "hi" (turn 1).' });
    expect(fake.requests.at(-1)!.temperature).toBe(0.7);
    fake.setHandler(() => ({ text: 'one two three four five six seven' }));
    const cut = await client().chat.completions.create(params('count', { max_completion_tokens: 3 }));
    expect(cut.choices[0]!.message.content).toBe('one two three');
    expect(cut.choices[0]!.finish_reason).toBe('length');
  });

  it('validates auth and body like the real API', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.baseUrl, maxRetries: 0 });
    const authErr = await rejection(bad.chat.completions.create(params()));
    expect(authErr).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((authErr as APIError).code).toBe('invalid_api_key');
    const empty = await rejection(client().chat.completions.create({ model: MODEL, messages: [] }));
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    expect((empty as APIError).param).toBe('messages');
    expect((empty as APIError).requestID).toMatch(/^req_/);
    const so = await rejection(client().chat.completions.create({ ...params(), stream_options: { include_usage: true } }));
    expect((so as APIError).param).toBe('stream_options');
    const hot = await rejection(client().chat.completions.create(params('x', { temperature: 3 })));
    expect((hot as APIError).param).toBe('temperature');
    const models = await client().models.list();
    expect(models.data.map((m) => m.id)).toContain('gpt-4o-mini');
  });

  it('retries a 429 with retry-after, then succeeds', async () => {
    fake.enqueue({ fault: { kind: 'http', status: 429, retryAfterSeconds: 0.3 } }, { text: 'second time lucky' });
    const n = fake.requests.length;
    const t0 = performance.now();
    const runner = client(2).chat.completions.stream(params());
    const done = await runner.finalChatCompletion();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    expect(done.choices[0]!.message.content).toBe('second time lucky');
    expect(fake.requests.length - n).toBe(2);
  });

  it('HTTP errors carry the OpenAI error object when retries are 0', async () => {
    fake.enqueue({ fault: { kind: 'http', status: 429, type: 'insufficient_quota' } });
    const quota = await rejection(client(0).chat.completions.create(params()));
    expect(quota).toBeInstanceOf(OpenAI.RateLimitError);
    expect(quota).toMatchObject({ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' });
    fake.enqueue({ fault: { kind: 'http', status: 500 } });
    const server = await rejection(client(0).chat.completions.create({ ...params(), stream: true }));
    expect(server).toBeInstanceOf(OpenAI.InternalServerError);
    expect(server).toMatchObject({ status: 500, type: 'server_error' });
  });

  it('in-stream error object: an APIError without status, not retried', async () => {
    fake.enqueue({ text: 'partial reply that will be interrupted', fault: { kind: 'overloaded', afterTokens: 3 } });
    const n = fake.requests.length;
    const runner = client(2).chat.completions.stream(params());
    const deltas: string[] = [];
    runner.on('content', (d) => deltas.push(d));
    const err = await rejection(runner.finalChatCompletion());
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err).toMatchObject({ status: undefined, code: 'server_is_overloaded' });
    expect(deltas).toHaveLength(3);
    expect(fake.requests.length - n).toBe(1);
  });

  it('cut: the stream throws after delivering part of the text, no retry', async () => {
    fake.enqueue({ text: 'this reply is cut off in the middle', fault: { kind: 'cut', afterTokens: 4 } });
    const n = fake.requests.length;
    const stream = await client(2).chat.completions.create({ ...params(), stream: true });
    const deltas: string[] = [];
    const err = await rejection((async () => {
      for await (const c of stream) if (c.choices[0]?.delta.content) deltas.push(c.choices[0].delta.content);
    })());
    expect(err).toBeInstanceOf(Error);
    expect(deltas).toHaveLength(4);
    expect(fake.requests.length - n).toBe(1);
  });

  it('end-early: a raw for-await ends quietly without finish_reason, finalChatCompletion() rejects', async () => {
    fake.enqueue({ text: 'ends early without final events', fault: { kind: 'end-early', afterTokens: 2 } });
    const chunks = await collect(await client().chat.completions.create({ ...params(), stream: true, stream_options: { include_usage: true } }));
    expect(chunks).toHaveLength(3); // role chunk + 2 content chunks
    expect(chunks.some((c) => c.choices[0]?.finish_reason)).toBe(false);
    expect(chunks.some((c) => c.usage)).toBe(false);

    fake.enqueue({ text: 'ends early without final events', fault: { kind: 'end-early', afterTokens: 2 } });
    await expect(client().chat.completions.stream(params()).finalChatCompletion()).rejects.toThrow(/missing finish_reason/);
  });

  it('stall: an AbortSignal idle watchdog ends the hung stream', async () => {
    fake.enqueue({ text: 'this stream stalls after two tokens', fault: { kind: 'stall', afterTokens: 2 } });
    const done = new Promise<DoneInfo>((resolve) => {
      const onDone = (_req: unknown, info: DoneInfo) => info.outcome === 'stall' && (fake.off('done', onDone), resolve(info));
      fake.on('done', onDone);
    });
    const dog = idleWatchdog(250);
    const runner = client().chat.completions.stream(params(), { signal: dog.signal });
    runner.on('chunk', dog.kick);
    const t0 = performance.now();
    const err = await rejection(runner.finalChatCompletion());
    dog.stop();
    expect(err).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(await done).toMatchObject({ outcome: 'stall', tokensSent: 2 });
  });

  it('paces tokens at tokensPerSecond after firstTokenDelayMs', async () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho';
    fake.enqueue({ text, firstTokenDelayMs: 100, tokensPerSecond: 50 });
    const t0 = performance.now();
    const done = await client().chat.completions.stream(params()).finalChatCompletion();
    const n = text.split(' ').length;
    expect(done.choices[0]!.message.content).toBe(text);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(0.8 * (100 + ((n - 1) * 1000) / 50));
  });

  it('reports cached_tokens for a repeated long system prompt', async () => {
    const system = 'You are a persona. '.repeat(240);
    const run = () => client().chat.completions.create({ model: MODEL, messages: [{ role: 'developer', content: system }, { role: 'user', content: 'hi' }] });
    expect((await run()).usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const again = await run();
    expect(again.usage?.prompt_tokens_details?.cached_tokens).toBeGreaterThanOrEqual(1024);
    expect(again.usage!.prompt_tokens_details!.cached_tokens! % 128).toBe(0);
  });
});
