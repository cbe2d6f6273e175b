// Loopback fakes of the Anthropic Messages and OpenAI Chat Completions APIs for tests and benchmarks.
export { startFakeAnthropic, parseAnthropicBody, ANTHROPIC_MODELS } from './anthropic.js';
export { startFakeOpenAI, parseOpenAIBody, OPENAI_MODELS } from './openai.js';
export { tokenize, estimateTokens, defaultReply, defaultHandler, planReply } from './llmScript.js';
export type {
  DoneInfo, FakeLLMEvents, FakeLLMOptions, FakeLLMRequest, FakeLLMServer, Fault, Handler, HttpFaultStatus, Outcome,
  PlannedReply, Provider, ReplyScript,
} from './llmScript.js';
