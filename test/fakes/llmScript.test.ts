import { describe, expect, it } from 'vitest';
import { defaultReply, estimateTokens, planReply, tokenize, type FakeLLMRequest } from './index.js';

const req = (messages: FakeLLMRequest['messages'], maxTokens?: number): FakeLLMRequest => ({
  provider: 'openai', model: 'm', system: '', messages, stream: true, headers: {}, body: {}, receivedAt: 0, ...(maxTokens ? { maxTokens } : {}),
});

describe('llmScript', () => {
  it('tokenize splits into ≈4-char pieces on word boundaries and round-trips', () => {
    const text = '  Hello, world! Supercalifragilistic\nnew line  ';
    const pieces = tokenize(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces.slice(0, 4)).toEqual(['  ', 'Hello,', ' world!', ' Sup']);
    expect(Math.max(...pieces.map((p) => p.trimStart().length))).toBeLessThanOrEqual(6);
    expect(tokenize('')).toEqual([]);
    expect(estimateTokens('12345')).toBe(2);
  });

  it('defaultReply echoes the last user turn and counts user turns', () => {
    const r = req([{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }]);
    expect(defaultReply(r)).toBe('You said: "c" (turn 2).');
  });

  it('planReply applies max tokens and estimates usage', () => {
    const p = planReply({ text: 'one two three four' }, req([{ role: 'user', content: 'x' }], 2));
    expect(p).toMatchObject({ text: 'one two', stopReason: 'max_tokens', firstTokenDelayMs: 0, usage: { outputTokens: 2 } });
  });
});

describe('handler failures', () => {
  it('a throwing handler becomes the provider 500 and a done event', async () => {
    const { startFakeOpenAI } = await import('./index.js');
    const fake = await startFakeOpenAI({ apiKey: 'sk-test', handler: () => { throw new Error('boom'); } });
    const done = new Promise((r) => fake.once('done', (_req, info) => r(info)));
    const res = await fetch(`${fake.baseUrl}/chat/completions`, {
      method: 'POST', headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { type: 'server_error' } });
    expect(await done).toMatchObject({ outcome: 'http-error', status: 500 });
    expect(fake.activeStreams()).toBe(0);
    await fake.close();
  });
});
