import type { FileLink } from "@orleanschat/client";
import assert from "node:assert/strict";
import { test } from "node:test";
import { FileLinks } from "../src/files/file-links";

function harness(answer: (fileId: string) => FileLink) {
  let now = Date.UTC(2026, 11, 3, 8, 0, 0);
  const asked: string[] = [];
  const links = new FileLinks("https://chat.example", async (fileId) => {
    asked.push(fileId);
    return answer(fileId);
  }, () => now);
  return { links, asked, advance: (ms: number) => (now += ms), at: () => now };
}

const inMinutes = (from: number, minutes: number) => new Date(from + minutes * 60_000).toISOString();

test("links are made absolute under the server and fetched once while they last", async () => {
  const start = Date.UTC(2026, 11, 3, 8, 0, 0);
  const { links, asked } = harness((id) => ({ url: `/f/${id}?sig=1`, thumbnailUrl: `/f/${id}/t?sig=1`, expiresAt: inMinutes(start, 15) }));
  const [first, second] = await Promise.all([links.get("a"), links.get("a")]);
  assert.equal(first.url, "https://chat.example/f/a?sig=1");
  assert.equal(first.thumbnailUrl, "https://chat.example/f/a/t?sig=1");
  assert.deepEqual(second, first);
  await links.get("a");
  assert.deepEqual(asked, ["a"]);
  assert.ok(links.current("a"));
});

test("a link near its end, or one that did not work, is fetched again", async () => {
  const { links, asked, advance, at } = harness(() => ({ url: "/f?sig", expiresAt: inMinutes(at(), 15) }));
  await links.get("a");
  advance(14.5 * 60_000);
  assert.equal(links.current("a"), null, "within the last minute");
  await links.get("a");
  links.forget("a");
  await links.get("a");
  assert.equal(asked.length, 3);
});

test("links that are not the server's own paths are refused", async () => {
  for (const url of ["javascript:alert(1)", "//evil.example/x", "https://evil.example/x"]) {
    const { links } = harness(() => ({ url, expiresAt: new Date(Date.now() + 900_000).toISOString() }));
    await assert.rejects(links.get("a"), Error, url);
  }
  const { links } = harness(() => ({ url: "/ok", thumbnailUrl: "javascript:alert(1)", expiresAt: "2030-01-01T00:00:00Z" }));
  assert.equal((await links.get("a")).thumbnailUrl, null);
});
