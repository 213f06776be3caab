/**
 * When a failed delivery is tried again: exponential backoff from `baseMs`, doubling, capped at `maxMs`,
 * with "full jitter" (a uniform draw between half the step and the step) so many failing deliveries do
 * not retry in lockstep; after `maxAttempts` attempts the delivery is given up (`failed`).
 */
export interface RetryPolicy { readonly baseMs: number; readonly maxMs: number; readonly maxAttempts: number }

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 30 * 60_000, maxAttempts: 8 };

/** The time of the next attempt after `attempts` failed ones, or null when the policy gives up. `u` ∈ [0, 1). */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, failedAt: number, u: number): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempts - 1));
  return failedAt + Math.round(step / 2 + (u * step) / 2);
}

/** Whether an HTTP answer is worth retrying: timeouts and network errors (no status), 408, 429 and 5xx. */
export function isRetryable(status: number | null): boolean {
  return status === null || status === 408 || status === 429 || status >= 500;
}
