import assert from "node:assert/strict";
import { test } from "node:test";
import { message, seqs } from "./messages";
import { Timeline } from "../src/messages/timeline";

test("messages are kept once each, in seq order, whatever order and however often they arrive", () => {
  const timeline = new Timeline();
  timeline.merge([message(1), message(2)], 2);
  const added = timeline.merge([message(5), message(3), message(2), message(4), message(3)]);
  assert.deepEqual(seqs(added), [3, 4, 5]);
  assert.deepEqual(seqs(timeline.messages), [1, 2, 3, 4, 5]);
  assert.deepEqual(timeline.merge([message(4), message(1)]), []);
});

test("an empty room's snapshot anchors the timeline at its last seq", () => {
  const timeline = new Timeline();
  assert.equal(timeline.lastSeq, null);
  timeline.merge([], 0);
  assert.equal(timeline.lastSeq, 0);
  assert.equal(timeline.gapAfter(), null);
});

test("a live message that skips a seq is a gap after the last contiguous seq, closed when the fill arrives", () => {
  const timeline = new Timeline();
  timeline.merge([message(1), message(2)], 2);
  timeline.merge([message(5)]);
  assert.equal(timeline.gapAfter(), 2);
  assert.equal(timeline.lastSeq, 2, "a rejoin must ask for everything after 2, not after 5");
  timeline.merge([message(3), message(4), message(5)], 5);
  assert.equal(timeline.gapAfter(), null);
  assert.equal(timeline.lastSeq, 5);
});

test("a snapshot whose room is ahead of its page (hasMore) leaves a gap to fill", () => {
  const timeline = new Timeline();
  timeline.merge([message(1), message(2)], 2);
  timeline.merge([message(3), message(4)], 9);
  assert.equal(timeline.gapAfter(), 4);
});

test("an acknowledged seq whose push never came is a gap", () => {
  const timeline = new Timeline();
  timeline.merge([message(1)], 1);
  timeline.observe(2);
  assert.equal(timeline.gapAfter(), 1);
  timeline.merge([message(2)]);
  assert.equal(timeline.gapAfter(), null);
});

test("messages archived while the client was away are not a gap: the page's firstSeq says where history begins", () => {
  const timeline = new Timeline();
  timeline.merge([message(1), message(2)], 2);
  // Away until seqs 3-6 were archived: the fill after 2 answers from 7, the room's first seq now.
  timeline.merge([message(7), message(8)], 8, 7);
  assert.equal(timeline.gapAfter(), null);
  assert.equal(timeline.lastSeq, 8);
  assert.deepEqual(seqs(timeline.messages), [1, 2, 7, 8]);
});

test("scrolling back prepends older pages without disturbing the contiguous end", () => {
  const timeline = new Timeline();
  timeline.merge([message(51), message(52)], 52);
  assert.equal(timeline.oldestSeq, 51);
  timeline.merge([message(49), message(50)], 52);
  assert.deepEqual(seqs(timeline.messages), [49, 50, 51, 52]);
  assert.equal(timeline.oldestSeq, 49);
  assert.equal(timeline.lastSeq, 52);
  assert.equal(timeline.gapAfter(), null);
});

test("following finds where a late message goes on screen", () => {
  const timeline = new Timeline();
  timeline.merge([message(1), message(2), message(4)]);
  assert.equal(timeline.following(2)?.seq, 4);
  assert.equal(timeline.following(3)?.seq, 4);
  assert.equal(timeline.following(4), undefined);
});

test("messages of a new epoch replace the held ones whose seqs they reuse, after the timeline empties", () => {
  const timeline = new Timeline();
  assert.equal(timeline.enter(1), false, "the first epoch named empties nothing");
  timeline.merge([message(1), message(2), message(3), message(4), message(5)], 5);
  const restored = (seq: number, id: string) => ({ ...message(seq, "alice", id), epoch: 2 });

  assert.equal(timeline.enter(2), true);
  assert.equal(timeline.messages.length, 0);
  assert.equal(timeline.lastSeq, null);
  const added = timeline.merge([restored(4, "new-4"), restored(5, "new-5")], 5);
  const latest = timeline.merge([restored(1, "c-1"), restored(2, "c-2"), restored(3, "c-3"), restored(4, "new-4"), restored(5, "new-5")], 5);

  assert.deepEqual(added.map((m) => m.clientMessageId), ["new-4", "new-5"]);
  assert.deepEqual(seqs(latest), [1, 2, 3]);
  assert.deepEqual(timeline.messages.map((m) => m.clientMessageId), ["c-1", "c-2", "c-3", "new-4", "new-5"]);
  assert.equal(timeline.lastSeq, 5);
  assert.equal(timeline.gapAfter(), null);
});

test("the same epoch again, none named, or a server's from before epochs (0) keeps what is held", () => {
  const timeline = new Timeline();
  timeline.enter(0);
  timeline.merge([message(1)], 1);
  assert.equal(timeline.enter(7), false, "a server before epochs numbered the same log");
  timeline.merge([message(2)], 2);
  assert.equal(timeline.enter(7), false);
  assert.equal(timeline.enter(undefined), false);
  assert.equal(timeline.enter(0), false);
  assert.deepEqual(seqs(timeline.messages), [1, 2]);
});
