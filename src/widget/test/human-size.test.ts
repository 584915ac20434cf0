import assert from "node:assert/strict";
import { test } from "node:test";
import { humanSize } from "../src/files/human-size";

test("sizes read as people say them", () => {
  assert.equal(humanSize(0), "0 B");
  assert.equal(humanSize(512), "512 B");
  assert.equal(humanSize(1024), "1 KB");
  assert.equal(humanSize(1536), "1.5 KB");
  assert.equal(humanSize(1.2 * 1024 * 1024), "1.2 MB");
  assert.equal(humanSize(10 * 1024 * 1024), "10 MB");
  assert.equal(humanSize(34.6 * 1024 * 1024), "35 MB");
  assert.equal(humanSize(3 * 1024 ** 3), "3 GB");
});

test("just under ten does not read as 10.0", () => {
  assert.equal(humanSize(9.97 * 1024), "10 KB");
});
