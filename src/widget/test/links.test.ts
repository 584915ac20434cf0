import assert from "node:assert/strict";
import { test } from "node:test";
import { splitLinks } from "../src/links";

test("http and https URLs become links; the text around them stays text", () => {
  assert.deepEqual(splitLinks("see https://example.com/a?b=1, then http://x.org."), [
    { text: "see " },
    { text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
    { text: ", then " },
    { text: "http://x.org", href: "http://x.org/" },
    { text: "." },
  ]);
});

test("other schemes and markup are never links, and come back verbatim as text", () => {
  for (const text of ["javascript:alert(1)", "<img src=x onerror=alert(1)>", "data:text/html,<b>x</b>", "ftp://files.example"]) {
    assert.deepEqual(splitLinks(text), [{ text }]);
  }
});

test("a quote or angle bracket ends a link, so it cannot carry markup", () => {
  const runs = splitLinks('https://a.example/"><script>');
  assert.equal(runs[0].href, "https://a.example/");
  assert.equal(runs.map((r) => r.text).join(""), 'https://a.example/"><script>');
});
