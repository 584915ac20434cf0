import assert from "node:assert/strict";
import { test } from "node:test";
import { TypingThrottle } from "../src/typing/typing-throttle";

test("typing is announced on the first keystroke and then at most every repeat period", () => {
  const throttle = new TypingThrottle(3000, 4000);
  assert.equal(throttle.input(0), true);
  assert.equal(throttle.input(1000), false);
  assert.equal(throttle.input(2999), false);
  assert.equal(throttle.input(3000), true);
});

test("stopping is announced once, after the idle period or on send", () => {
  const throttle = new TypingThrottle(3000, 4000);
  throttle.input(0);
  assert.equal(throttle.idle(3999), false);
  assert.equal(throttle.idle(4000), true);
  assert.equal(throttle.idle(5000), false);
  assert.equal(throttle.stop(), false);
  throttle.input(6000);
  assert.equal(throttle.stop(), true);
  assert.equal(throttle.input(6001), true, "typing again after a send is announced at once");
});
