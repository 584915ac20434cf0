import assert from "node:assert/strict";
import { test } from "node:test";
import { retryAfterMs, uploadRetry } from "../src/uploads/upload-retry";

const noJitter = () => 1;

test("refusals of the file or the right to send it are final", () => {
  for (const status of [400, 403, 404, 409, 413, 415]) assert.deepEqual(uploadRetry(status, null, 0), { retry: false }, `status ${status}`);
});

test("no answer, server trouble and a lapsed token are retried with a growing backoff", () => {
  for (const status of [0, 401, 408, 500, 502, 503]) assert.equal(uploadRetry(status, null, 0, 0, noJitter).retry, true, `status ${status}`);
  assert.deepEqual(uploadRetry(503, null, 0, 0, noJitter), { retry: true, delayMs: 500 });
  assert.deepEqual(uploadRetry(503, null, 3, 0, noJitter), { retry: true, delayMs: 4000 });
});

test("429 waits as long as Retry-After says, in seconds or as a date", () => {
  assert.deepEqual(uploadRetry(429, "7", 0, 0, noJitter), { retry: true, delayMs: 7000 });
  const now = Date.UTC(2026, 11, 3, 8, 0, 0);
  assert.deepEqual(uploadRetry(429, new Date(now + 12_000).toUTCString(), 0, now, noJitter), { retry: true, delayMs: 12_000 });
  assert.deepEqual(uploadRetry(429, null, 2, now, noJitter), { retry: true, delayMs: 2000 }, "without the header: the backoff");
});

test("unreadable Retry-After values are ignored", () => {
  assert.equal(retryAfterMs("soon"), null);
  assert.equal(retryAfterMs(""), null);
  assert.equal(retryAfterMs("-3"), 0);
});
