/** How the first connection is retried: `attempts` in all, the delay doubling from `initialDelayMs` up to `maxDelayMs`. */
export interface RetryOptions {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 5, initialDelayMs: 250, maxDelayMs: 4000 };

/** The delay before attempt `attempt` (2, 3, …): initial · 2^(attempt−2), capped. */
export function backoffDelay(retry: RetryOptions, attempt: number): number {
  if (attempt <= 1) return 0;
  return Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 2));
}

export function checkRetryOptions(retry: RetryOptions): RetryOptions {
  const ok = (x: number, min: number) => Number.isFinite(x) && Number.isInteger(x) && x >= min;
  if (!ok(retry.attempts, 1) || !ok(retry.initialDelayMs, 0) || !ok(retry.maxDelayMs, 0)) {
    throw new RangeError(`retry options need whole numbers (attempts >= 1, delays >= 0), got ${JSON.stringify(retry)}`);
  }
  return retry;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
