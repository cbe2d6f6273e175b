export interface ProviderOptions {
  name: string;
  apiKey: string;
  baseUrl?: string;
  /** Wait for response headers, per attempt. */
  timeoutMs: number;
  /** Longest silence allowed once a stream has started. */
  idleTimeoutMs: number;
  maxRetries: number;
}

/**
 * The options both SDKs take alike. Timeout and retries are always set explicitly: the
 * SDK defaults (10 minutes, 2 retries, timeouts retried) let a hung upstream take 30 minutes.
 */
export function sdkClientOptions(options: ProviderOptions) {
  return { apiKey: options.apiKey, baseURL: options.baseUrl, timeout: options.timeoutMs, maxRetries: options.maxRetries };
}
