import assert from "node:assert/strict";
import { test } from "node:test";
import { message } from "./messages";
import { applyChange } from "../src/messages/apply-change";
import { MessageChanges } from "../src/messages/message-changes";
import { Timeline } from "../src/messages/timeline";
import type { ChangePage, ChatMessage, MessageChange, RoomSnapshot } from "../src/protocol";

const at = "2026-12-03T10:00:00.000Z";

const edited = (changeSeq: number, seq: number, text: string): MessageChange =>
  ({ roomId: "r", changeSeq, seq, kind: "edited", userId: "alice", at, text });
const deleted = (changeSeq: number, seq: number): MessageChange =>
  ({ roomId: "r", changeSeq, seq, kind: "deleted", userId: "alice", at });
const reaction = (changeSeq: number, seq: number, userId: string, emoji: string, reacted: boolean, count: number): MessageChange =>
  ({ roomId: "r", changeSeq, seq, kind: "reaction", userId, at, emoji, reacted, count });

const snapshot = (lastChange: number, changes: MessageChange[] = []): RoomSnapshot =>
  ({ room: {} as RoomSnapshot["room"], members: [], messages: [], lastSeq: 3, readSeq: 0, hasMore: false, lastChange, changes });

/** Changes over a timeline of messages 1-3 as "bob", with the room's change log served from `log`. */
function harness(log: MessageChange[] = [], pageSize = 200) {
  const timeline = new Timeline();
  timeline.merge([message(1), message(2), message(3)], 3);
  const fetches: number[] = [];
  const told: number[][] = [];
  const changes = new MessageChanges(timeline, "bob", async (after): Promise<ChangePage> => {
    fetches.push(after);
    const next = log.filter((c) => c.changeSeq > after);
    return { changes: next.slice(0, pageSize), hasMore: next.length > pageSize, lastChange: log.at(-1)?.changeSeq ?? 0 };
  }, (messages) => told.push(messages.map((m) => m.seq)));
  const text = (seq: number) => timeline.get(seq)!.text;
  return { timeline, changes, fetches, told, text };
}

test("an edit sets the text and editedAt; a change the message already holds is skipped", () => {
  const original: ChatMessage = { ...message(1), changeSeq: 4 };
  assert.equal(applyChange(original, edited(4, 1, "old"), "bob"), null);
  assert.equal(applyChange(original, edited(3, 1, "older"), "bob"), null);
  const changed = applyChange(original, edited(5, 1, "new"), "bob")!;
  assert.deepEqual([changed.text, changed.editedAt, changed.changeSeq], ["new", at, 5]);
});

test("a deletion leaves a tombstone with no text, files, reactions or quote", () => {
  const full: ChatMessage = {
    ...message(2), attachments: [{ fileId: "f", fileName: "a.pdf", contentType: "application/pdf", size: 1 }],
    reactions: [{ emoji: "👍", count: 1, me: true }], replyTo: { seq: 1, senderId: "alice", senderName: "alice", excerpt: "hi" },
  };
  const gone = applyChange(full, deleted(1, 2), "bob")!;
  assert.deepEqual([gone.text, gone.deletedAt, gone.attachments, gone.reactions, gone.replyTo], ["", at, undefined, undefined, undefined]);
  assert.equal(gone.senderId, "alice");
});

test("reactions count per emoji, new ones last, zero removes, and me follows only the reader's own", () => {
  let m: ChatMessage = message(1);
  m = applyChange(m, reaction(1, 1, "alice", "👍", true, 1), "bob")!;
  m = applyChange(m, reaction(2, 1, "bob", "🎉", true, 1), "bob")!;
  m = applyChange(m, reaction(3, 1, "bob", "👍", true, 2), "bob")!;
  assert.deepEqual(m.reactions, [{ emoji: "👍", count: 2, me: true }, { emoji: "🎉", count: 1, me: true }]);
  m = applyChange(m, reaction(4, 1, "alice", "👍", false, 1), "bob")!;
  assert.deepEqual(m.reactions![0], { emoji: "👍", count: 1, me: true }, "alice taking hers back leaves bob's");
  m = applyChange(m, reaction(5, 1, "bob", "🎉", false, 0), "bob")!;
  assert.deepEqual(m.reactions, [{ emoji: "👍", count: 1, me: true }]);
  m = applyChange(m, reaction(6, 1, "bob", "👍", false, 0), "bob")!;
  assert.equal(m.reactions, undefined);
});

test("after a first join the snapshot's changes apply and the cursor is its lastChange; the next live change applies", async () => {
  const { changes, text, fetches, told } = harness();
  changes.joining();
  await changes.joined(snapshot(5, [edited(5, 2, "two!")]));
  assert.equal(changes.lastChange, 5);
  assert.equal(text(2), "two!");
  changes.live(edited(6, 1, "one!"));
  assert.equal(changes.lastChange, 6);
  assert.equal(text(1), "one!");
  changes.live(edited(6, 1, "stale repeat"));
  assert.equal(text(1), "one!");
  assert.deepEqual(fetches, []);
  assert.deepEqual(told, [[2], [1]]);
});

test("a live change past the cursor plus one fetches what was missed, page by page, and applies all in order", async () => {
  const log = [reaction(1, 1, "alice", "👍", true, 1), reaction(2, 1, "bob", "👍", true, 2), edited(3, 2, "b"), deleted(4, 3), edited(5, 2, "c")];
  const { changes, timeline, fetches, text } = harness(log, 2);
  changes.joining();
  await changes.joined(snapshot(0));
  changes.live(log[4]);
  assert.equal(text(2), "message 2", "not applied ahead of the changes before it");
  await changes.catchUp();
  assert.deepEqual(fetches, [0, 2, 4]);
  assert.equal(changes.lastChange, 5);
  assert.deepEqual(timeline.get(1)!.reactions, [{ emoji: "👍", count: 2, me: true }]);
  assert.equal(text(2), "c");
  assert.ok(timeline.get(3)!.deletedAt);
});

test("a coalesced change that follows on from the cursor applies without a fetch; one that follows from beyond it is a gap", async () => {
  const log = [reaction(1, 1, "alice", "👍", true, 1), reaction(2, 1, "carol", "👍", true, 2), reaction(3, 1, "dave", "👍", true, 3),
    reaction(4, 1, "erin", "👍", true, 4), reaction(5, 1, "frank", "👍", true, 5), reaction(6, 1, "gina", "👍", true, 6)];
  const { changes, timeline, fetches } = harness(log);
  changes.joining();
  await changes.joined(snapshot(0));
  changes.live(log[0]);
  changes.live({ ...log[2], follows: 1 });
  assert.deepEqual([changes.lastChange, timeline.get(1)!.reactions], [3, [{ emoji: "👍", count: 3, me: false }]]);
  assert.deepEqual(fetches, []);
  changes.live({ ...log[5], follows: 4 });
  await changes.catchUp();
  assert.deepEqual(fetches, [3], "changes 4 and 5 are neither pushed nor stood for: fetched");
  assert.deepEqual([changes.lastChange, timeline.get(1)!.reactions], [6, [{ emoji: "👍", count: 6, me: false }]]);
});

test("live changes during a join wait for its snapshot; changes the snapshot's messages hold are skipped", async () => {
  const { changes, text } = harness();
  changes.joining();
  changes.live(edited(7, 1, "after the snapshot"));
  changes.live(edited(6, 1, "in the snapshot"));
  assert.equal(text(1), "message 1");
  await changes.joined(snapshot(6));
  assert.equal(text(1), "after the snapshot");
  assert.equal(changes.lastChange, 7);
});

test("a rejoin fetches every change after the old cursor, not only the snapshot's", async () => {
  const log = [edited(1, 1, "a"), edited(2, 1, "b"), edited(3, 2, "c")];
  const { changes, fetches, text } = harness(log);
  changes.joining();
  await changes.joined(snapshot(1, [log[0]]));
  // Away while changes 2 and 3 were made; the new snapshot carries change 3 only (it reached the node late).
  changes.joining();
  await changes.joined(snapshot(3, [log[2]]));
  assert.deepEqual(fetches, [1]);
  assert.deepEqual([text(1), text(2), changes.lastChange], ["b", "c", 3]);
});

test("a deletion empties the excerpt of replies held that quote it", async () => {
  const { changes, timeline, told } = harness();
  timeline.merge([{ ...message(4), replyTo: { seq: 2, senderId: "alice", senderName: "alice", excerpt: "message 2" } }], 4);
  changes.joining();
  await changes.joined(snapshot(0));
  changes.live(deleted(1, 2));
  assert.equal(timeline.get(4)!.replyTo!.excerpt, "");
  assert.equal(timeline.get(4)!.replyTo!.senderName, "alice");
  assert.deepEqual(told, [[2, 4]]);
});

test("a message from a page read before a change it missed gets the change when it arrives", async () => {
  const { changes, timeline } = harness();
  changes.joining();
  await changes.joined(snapshot(0));
  changes.live(edited(1, 9, "nine, edited"));
  const [arrived] = changes.arrived(timeline.merge([message(9)]));
  assert.equal(arrived.text, "nine, edited");
  assert.equal(timeline.get(9)!.text, "nine, edited");
});

test("a page read before more changes than are remembered gets those it missed from the server", async () => {
  // An edit of message 9, then a storm of 250 reactions to message 1: the edit is no longer remembered.
  const log = [edited(1, 9, "nine, edited"), ...Array.from({ length: 250 }, (_, i) => reaction(i + 2, 1, "alice", "👍", i % 2 === 0, (i + 1) % 2))];
  const { changes, timeline, fetches, told } = harness(log);
  changes.joining();
  await changes.joined(snapshot(0));
  const readAfter = changes.lastChange;
  for (const change of log) changes.live(change);

  const [arrived] = changes.arrived(timeline.merge([message(9)]), readAfter);
  assert.equal(arrived.text, "message 9");
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(timeline.get(9)!.text, "nine, edited");
  assert.deepEqual(fetches, [0, 200]);
  assert.ok(told.some((seqs) => seqs.includes(9)));
  // Within what is remembered, nothing is fetched again.
  const again = changes.lastChange;
  changes.live(edited(252, 10, "ten, edited"));
  changes.arrived(timeline.merge([message(10)]), again);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(fetches, [0, 200]);
  assert.equal(timeline.get(10)!.text, "ten, edited");
});

test("changes fetched before a reset (the log's restore) are not applied to the new epoch's messages", async () => {
  const timeline = new Timeline();
  timeline.merge([message(1)], 1);
  let answer: ((page: ChangePage) => void) | undefined;
  let asked = 0;
  const changes = new MessageChanges(timeline, "bob", () => new Promise<ChangePage>((resolve) => {
    asked++;
    answer = resolve;
  }), () => {});
  changes.joining();
  await changes.joined(snapshot(0));
  changes.live(edited(2, 1, "old epoch, 2"));
  assert.ok(answer, "the jump past the cursor asks for the changes between");

  const oldEpoch = answer;
  changes.reset();
  changes.joining();
  await changes.joined(snapshot(0));
  // The new epoch's own jump asks again, though the old fetch is still on its way.
  changes.live(edited(2, 1, "new epoch, 2"));
  assert.equal(asked, 2);
  oldEpoch({ changes: [edited(1, 1, "old epoch, 1"), edited(2, 1, "old epoch, 2")], hasMore: false, lastChange: 2 });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(timeline.get(1)!.text, "message 1");
  assert.equal(changes.lastChange, 0);

  answer!({ changes: [edited(1, 1, "new epoch, 1"), edited(2, 1, "new epoch, 2")], hasMore: false, lastChange: 2 });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(timeline.get(1)!.text, "new epoch, 2");
  assert.equal(changes.lastChange, 2);
});

test("the server's answer to a change replaces the held message only when newer", async () => {
  const { changes, text } = harness();
  changes.joining();
  await changes.joined(snapshot(0));
  changes.live(edited(1, 1, "live"));
  changes.settle({ ...message(1), text: "older answer", changeSeq: 1 });
  assert.equal(text(1), "live");
  changes.settle({ ...message(1), text: "answer", changeSeq: 2, reactions: [{ emoji: "👍", count: 1, me: true }] });
  assert.equal(text(1), "answer");
});
