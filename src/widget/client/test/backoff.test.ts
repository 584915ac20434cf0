import assert from "node:assert/strict";
import { test } from "node:test";
import { reconnectDelay } from "../src/backoff";

test("delays grow exponentially within the upper half of each step", () => {
  assert.equal(reconnectDelay(0, () => 0), 250);
  assert.equal(reconnectDelay(0, () => 1), 500);
  assert.equal(reconnectDelay(3, () => 0), 2000);
  assert.equal(reconnectDelay(3, () => 1), 4000);
});

test("delays are capped, even after very many attempts", () => {
  assert.equal(reconnectDelay(10, () => 1), 30_000);
  assert.equal(reconnectDelay(10_000, () => 1), 30_000);
  assert.equal(reconnectDelay(10_000, () => 0), 15_000);
});

test("jitter spreads clients that failed at the same moment", () => {
  const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(4)));
  assert.ok(delays.size > 10, `only ${delays.size} distinct delays`);
});
