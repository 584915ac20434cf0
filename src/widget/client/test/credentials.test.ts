import assert from "node:assert/strict";
import { test } from "node:test";
import { isDue } from "../src/credentials/credentials";

function token(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}.signature`;
}

const now = Date.UTC(2026, 11, 2, 12, 0, 0);
const seconds = now / 1000;

test("a 15-minute token is renewed in its last minute, not before", () => {
  const issued = token({ iat: seconds - 13 * 60, exp: seconds + 2 * 60 });
  assert.equal(isDue(issued, now), false);
  assert.equal(isDue(issued, now + 61_000), true);
});

test("a short token is renewed in its last third", () => {
  const short = token({ iat: seconds, exp: seconds + 30 });
  assert.equal(isDue(short, now + 19_000), false);
  assert.equal(isDue(short, now + 21_000), true);
});

test("an ended token is due, one without an end never is, and a malformed one always is", () => {
  assert.equal(isDue(token({ iat: seconds - 100, exp: seconds - 1 }), now), true);
  assert.equal(isDue(token({ sub: "alice" }), now), false);
  assert.equal(isDue("not-a-jwt", now), true);
});
