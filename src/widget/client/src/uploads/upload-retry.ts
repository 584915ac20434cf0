import { reconnectDelay } from "../backoff.js";

/** What to do after an upload attempt failed: try again (same clientFileId) after `delayMs`, or give up. */
export type UploadRetry = { retry: true; delayMs: number } | { retry: false };

/**
 * Whether a failed upload can succeed if sent again. A refusal of the file or the caller's right (400, 403, 404,
 * 409, 413 too large, 415 type not allowed) cannot; no answer (status 0), a lapsed token (401), a timeout (408),
 * rate limiting (429, after its `Retry-After`) and server trouble (5xx) can. `attempt` counts from 0.
 */
export function uploadRetry(status: number, retryAfter: string | null, attempt: number, now = Date.now(), random = Math.random): UploadRetry {
  const transient = status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
  if (!transient) return { retry: false };
  const backoff = reconnectDelay(attempt, random);
  return { retry: true, delayMs: status === 429 ? retryAfterMs(retryAfter, now) ?? backoff : backoff };
}

/** `Retry-After` as a delay: seconds, or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
