import assert from "node:assert/strict";
import { test } from "node:test";
import { expand, shortcutAt, suggestionsFor } from "../src/agent/canned-shortcuts";
import type { CannedResponse } from "@orleanschat/client";

const response = (shortcut: string, text = `text of ${shortcut}`): CannedResponse =>
  ({ responseId: `cr-${shortcut}`, shortcut, text, updatedAt: "2026-01-01T00:00:00Z" });

test("a slash at the start or after a space begins a shortcut, up to the caret", () => {
  assert.deepEqual(shortcutAt("/ref", 4), { start: 0, end: 4, prefix: "ref" });
  assert.deepEqual(shortcutAt("Hi /", 4), { start: 3, end: 4, prefix: "" });
  assert.deepEqual(shortcutAt("Hi\n/re-fund_2 later", 13), { start: 3, end: 13, prefix: "re-fund_2" });
  assert.deepEqual(shortcutAt("/refund", 3), { start: 0, end: 3, prefix: "re" });
});

test("a slash inside a word, an address or no slash at all is no shortcut", () => {
  assert.equal(shortcutAt("and/or", 6), null);
  assert.equal(shortcutAt("see https://x.example/faq", 25), null);
  assert.equal(shortcutAt("refund", 6), null);
  assert.equal(shortcutAt("/Refund", 7), null);
  assert.equal(shortcutAt("", 0), null);
});

test("suggestions begin with the prefix, the exact match first", () => {
  const all = [response("refunds"), response("hello"), response("ref"), response("refund")];
  assert.deepEqual(suggestionsFor(all, "ref").map((r) => r.shortcut), ["ref", "refund", "refunds"]);
  assert.deepEqual(suggestionsFor(all, "refund").map((r) => r.shortcut), ["refund", "refunds"]);
  assert.deepEqual(suggestionsFor(all, "").map((r) => r.shortcut), ["ref", "hello", "refund", "refunds"].sort());
  assert.deepEqual(suggestionsFor(all, "x"), []);
});

test("expanding replaces the token with the text and puts the caret after it", () => {
  const text = "Hello! /ref thanks";
  const token = shortcutAt(text, 11)!;
  assert.deepEqual(expand(text, token, response("refund", "Refunds take 5 days.")),
    { text: "Hello! Refunds take 5 days. thanks", caret: 27 });
});
