import assert from "node:assert/strict";
import { test } from "node:test";
import { message } from "./messages";
import { Outbox, type KeyValueStore } from "../src/outbox/outbox";

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
}

test("items are sent in the order they were written, one at a time, until acknowledged", () => {
  const outbox = new Outbox(new MemoryStore(), "k");
  outbox.add("r", "one", "c-1", 1);
  outbox.add("r", "two", "c-2", 2);
  outbox.add("other", "elsewhere", "c-3", 3);
  assert.equal(outbox.next("r")?.clientMessageId, "c-1");
  assert.ok(outbox.acknowledge("c-1"));
  assert.equal(outbox.next("r")?.clientMessageId, "c-2");
  assert.ok(outbox.acknowledge("c-2"));
  assert.equal(outbox.next("r"), undefined);
  assert.deepEqual(outbox.list("other").map((i) => i.text), ["elsewhere"]);
});

test("the outbox survives a reload: a new instance on the same storage has the same items", () => {
  const store = new MemoryStore();
  const first = new Outbox(store, "k");
  first.add("r", "written offline", "c-1", 1);
  first.attemptFailed("c-1", "no network", false);
  const reloaded = new Outbox(store, "k");
  assert.deepEqual(reloaded.list("r"), first.list("r"));
  assert.equal(reloaded.next("r")?.attempts, 1);
});

test("transient failures keep an item pending until it has failed the maximum number of times", () => {
  const outbox = new Outbox(new MemoryStore(), "k", 3);
  outbox.add("r", "hello", "c-1", 1);
  assert.equal(outbox.attemptFailed("c-1", "offline", false)?.state, "pending");
  assert.equal(outbox.attemptFailed("c-1", "offline", false)?.state, "pending");
  assert.equal(outbox.attemptFailed("c-1", "offline", false)?.state, "failed");
  assert.equal(outbox.next("r"), undefined, "a failed item waits for the user");
});

test("a refusal fails the item at once and the next one goes; retry makes it pending again", () => {
  const outbox = new Outbox(new MemoryStore(), "k");
  outbox.add("r", "refused", "c-1", 1);
  outbox.add("r", "fine", "c-2", 2);
  const failed = outbox.attemptFailed("c-1", "invalid: too long", true);
  assert.equal(failed?.state, "failed");
  assert.equal(failed?.error, "invalid: too long");
  assert.equal(outbox.next("r")?.clientMessageId, "c-2");
  assert.ok(outbox.retry("c-1"));
  assert.equal(outbox.list("r")[0].state, "pending");
  assert.equal(outbox.list("r")[0].attempts, 0);
  assert.equal(outbox.next("r")?.clientMessageId, "c-1", "a retried item keeps its place in the order");
});

test("messages seen in the room's log leave the outbox: the acknowledgement was lost, the message was not", () => {
  const outbox = new Outbox(new MemoryStore(), "k");
  outbox.add("r", "one", "c-1", 1);
  outbox.add("r", "two", "c-2", 2);
  assert.equal(outbox.reconcile([message(7, "someone-else", "c-2")], "me"), false, "only the sender's own ids count");
  assert.ok(outbox.reconcile([message(7, "me", "c-1")], "me"));
  assert.deepEqual(outbox.list("r").map((i) => i.clientMessageId), ["c-2"]);
});

test("corrupt or foreign storage content is ignored rather than breaking the widget", () => {
  const store = new MemoryStore();
  store.setItem("k", "{not json");
  assert.deepEqual(new Outbox(store, "k").list("r"), []);
  store.setItem("k", JSON.stringify([{ clientMessageId: 5 }, { clientMessageId: "c", roomId: "r", text: "t", state: "pending", attempts: 0 }]));
  assert.deepEqual(new Outbox(store, "k").list("r").map((i) => i.clientMessageId), ["c"]);
});

test("storage that refuses writes does not lose the page's outbox", () => {
  const outbox = new Outbox({ getItem: () => null, setItem: () => { throw new Error("quota"); } }, "k");
  outbox.add("r", "still here", "c-1", 1);
  assert.equal(outbox.next("r")?.text, "still here");
});

const attachment = (fileId: string) => ({ fileId, fileName: `${fileId}.png`, contentType: "image/png", size: 1200, width: 40, height: 30 });

test("a message with files keeps its file ids and attachments through storage, and may have no text", () => {
  const store = new MemoryStore();
  new Outbox(store, "k").add("r", "", "c-1", 1, [attachment("f-1"), attachment("f-2")]);
  const reloaded = new Outbox(store, "k").next("r");
  assert.deepEqual(reloaded?.fileIds, ["f-1", "f-2"]);
  assert.deepEqual(reloaded?.attachments, [attachment("f-1"), attachment("f-2")]);
  assert.equal(reloaded?.text, "");
});

test("items stored before attachments still load, and items without files store no file fields", () => {
  const store = new MemoryStore();
  store.setItem("k", JSON.stringify([{ clientMessageId: "old", roomId: "r", text: "t", createdAt: 1, state: "pending", attempts: 0 }]));
  const outbox = new Outbox(store, "k");
  assert.equal(outbox.next("r")?.clientMessageId, "old");
  assert.equal(outbox.next("r")?.fileIds, undefined);
  outbox.add("r", "plain", "c-2", 2);
  assert.ok(!store.getItem("k")!.includes("fileIds"));
});

test("stored items with malformed file ids are left out", () => {
  const store = new MemoryStore();
  store.setItem("k", JSON.stringify([{ clientMessageId: "c", roomId: "r", text: "", state: "pending", attempts: 0, fileIds: [5] }]));
  assert.deepEqual(new Outbox(store, "k").list("r"), []);
});

test("a reply keeps the message it answers through storage, so a retry after a reload is still a reply", () => {
  const store = new MemoryStore();
  const quote = { seq: 7, senderId: "ann", senderName: "Ann", excerpt: "lunch?" };
  new Outbox(store, "k").add("r", "yes", "c-1", 1, [], quote);
  const reloaded = new Outbox(store, "k");
  assert.deepEqual(reloaded.next("r")?.replyTo, quote);
  reloaded.add("r", "plain", "c-2", 2);
  assert.equal("replyTo" in reloaded.list("r")[1], false);
});
