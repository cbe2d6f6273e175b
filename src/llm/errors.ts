import { UserFacingError } from "../errors.js";

export type LlmFailure =
  | "rate_limited" | "overloaded" | "server" | "timeout" | "connection" | "auth"
  | "bad_request" | "not_found" | "interrupted" | "unavailable";

const MESSAGES: Record<LlmFailure, string> = {
  rate_limited: "The model provider is rate-limiting us right now.",
  overloaded: "The model provider is overloaded right now.",
  server: "The model provider had an internal error.",
  timeout: "The model took too long to answer.",
  connection: "We could not reach the model provider.",
  auth: "The model provider refused our API key. A server admin needs to check it.",
  bad_request: "The model provider refused the request.",
  not_found: "The model provider does not know this model.",
  interrupted: "The reply was cut off before the model finished.",
  unavailable: "This model is not available.",
};

const RETRYABLE: ReadonlySet<LlmFailure> = new Set(["rate_limited", "overloaded", "server", "timeout", "connection", "interrupted"]);

/** A failed model call, with a message fit for the thread. */
export class LlmError extends UserFacingError {
  constructor(readonly failure: LlmFailure, readonly detail?: string) {
    super(detail && !RETRYABLE.has(failure) ? `${MESSAGES[failure]} (${detail})` : MESSAGES[failure], RETRYABLE.has(failure));
  }
}

/** Error fields both SDKs share (their APIError classes have these shapes). */
interface SdkErrorLike {
  name?: string;
  status?: number;
  type?: string | null;
  code?: string | null;
  error?: unknown;
  message?: string;
}

function bodyMessage(e: SdkErrorLike): string | undefined {
  const body = e.error as { error?: { message?: unknown }; message?: unknown } | undefined;
  const message = body?.error?.message ?? body?.message;
  return typeof message === "string" ? message.slice(0, 300) : undefined;
}

/**
 * Maps anything an SDK throws to an LlmError. Reads the error type before the status,
 * because Anthropic's in-stream overloaded_error arrives with no HTTP status.
 */
export function toLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  const e = (error ?? {}) as SdkErrorLike;
  const bodyType = (e.error as { error?: { type?: string }; type?: string } | undefined)?.error?.type;
  const kinds = new Set([e.type, bodyType, e.code].filter((k): k is string => typeof k === "string"));
  if (kinds.has("overloaded_error") || kinds.has("server_is_overloaded")) return new LlmError("overloaded");
  if (kinds.has("rate_limit_error") || kinds.has("rate_limit_exceeded")) return new LlmError("rate_limited");
  // An error event inside a stream carries a type but no HTTP status.
  if (e.status === undefined && (kinds.has("api_error") || kinds.has("server_error"))) return new LlmError("server");
  if (e.name === "APIConnectionTimeoutError") return new LlmError("timeout");
  if (e.name === "APIConnectionError") return new LlmError("connection");
  switch (e.status) {
    case 400: case 413: case 422: return new LlmError("bad_request", bodyMessage(e));
    case 401: case 403: return new LlmError("auth");
    case 404: return new LlmError("not_found", bodyMessage(e));
    case 429: return new LlmError("rate_limited");
    case 529: return new LlmError("overloaded");
  }
  if (e.status !== undefined && e.status >= 500) return new LlmError("server");
  // A stream cut after the headers surfaces as a plain error from the body reader.
  return new LlmError("interrupted");
}
