import assert from "node:assert/strict";
import { test } from "node:test";
import { message } from "./messages";
import { AssistantDrafts, type AssistantDraft } from "../src/support/assistant-drafts";

function drafts() {
  const shown: AssistantDraft[][] = [];
  const timers: (() => void)[] = [];
  const board = new AssistantDrafts((d) => shown.push(d), (_ms, action) => timers.push(action));
  return { board, shown, last: () => shown[shown.length - 1] };
}

test("an answer grows delta by delta and gives way to its stored message", () => {
  const { board, last } = drafts();
  board.grow({ roomId: "r", streamId: "s1", text: "Returns are " });
  board.grow({ roomId: "r", streamId: "s1", text: "free." });
  assert.deepEqual(last(), [{ streamId: "s1", text: "Returns are free." }]);

  board.settle([message(1, "assistant", "assistant:s1")]);
  assert.deepEqual(last(), []);
});

test("a delta that arrives after its stored message does not bring the draft back", () => {
  const { board, shown } = drafts();
  board.settle([message(1, "assistant", "assistant:s1")]);
  board.grow({ roomId: "r", streamId: "s1", text: "late" });
  assert.equal(shown.length, 0);
});

test("other messages leave drafts alone, and two answers grow side by side", () => {
  const { board, last } = drafts();
  board.grow({ roomId: "r", streamId: "a", text: "one" });
  board.grow({ roomId: "r", streamId: "b", text: "two" });
  board.settle([message(1, "alice", "c-1")]);
  assert.deepEqual(last(), [{ streamId: "a", text: "one" }, { streamId: "b", text: "two" }]);
});
