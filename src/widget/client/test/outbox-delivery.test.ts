import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import assert from "node:assert/strict";
import { test } from "node:test";
import { message } from "./messages";
import type { ChatApi } from "../src/api";
import type { OutboxItem } from "../src/outbox/outbox";
import { deliver } from "../src/outbox/outbox-delivery";

const item = (fileIds?: string[]): OutboxItem =>
  ({ clientMessageId: "c-1", roomId: "r", text: "", createdAt: 1, state: "pending", attempts: 0, ...(fileIds ? { fileIds } : {}) });

/** A hub in the given state that records what was invoked and acknowledges it. */
function hub(state: HubConnectionState, calls: unknown[][]): HubConnection {
  return {
    state,
    invoke: async (...args: unknown[]) => {
      calls.push(args);
      return { roomId: "r", seq: 4, messageId: "m", sentAt: "", duplicate: false };
    },
  } as unknown as HubConnection;
}

/** An API that records REST sends and returns the stored message. */
function api(calls: unknown[][]): ChatApi {
  return { send: async (...args: unknown[]) => (calls.push(args), message(4)) } as unknown as ChatApi;
}

test("a message with files goes over the hub as SendMessageWithFiles, one without as SendMessage", async () => {
  const calls: unknown[][] = [];
  const connected = hub(HubConnectionState.Connected, calls);
  assert.equal((await deliver(connected, api([]), "r", item(["f-1", "f-2"]))).ack?.seq, 4);
  await deliver(connected, api([]), "r", item());
  assert.deepEqual(calls, [["SendMessageWithFiles", "r", "c-1", "", ["f-1", "f-2"]], ["SendMessage", "r", "c-1", ""]]);
});

test("while the hub is down the message goes over REST with its file ids and the same clientMessageId", async () => {
  const hubCalls: unknown[][] = [];
  const restCalls: unknown[][] = [];
  const sent = await deliver(hub(HubConnectionState.Reconnecting, hubCalls), api(restCalls), "r", item(["f-1"]));
  assert.equal(sent.message?.seq, 4);
  assert.deepEqual(restCalls, [["r", "c-1", "", ["f-1"], undefined]]);
  assert.deepEqual(hubCalls, []);
});

test("a reply goes over the hub as PostMessage with the seq it answers, and over REST with replyTo", async () => {
  const quote = { seq: 2, senderId: "ann", senderName: "Ann", excerpt: "lunch?" };
  const reply: OutboxItem = { ...item(), text: "yes", replyTo: quote };
  const hubCalls: unknown[][] = [];
  await deliver(hub(HubConnectionState.Connected, hubCalls), api([]), "r", reply);
  assert.deepEqual(hubCalls, [["PostMessage", "r", { clientMessageId: "c-1", text: "yes", fileIds: [], replyTo: 2 }]]);
  const restCalls: unknown[][] = [];
  await deliver(hub(HubConnectionState.Disconnected, []), api(restCalls), "r", reply);
  assert.deepEqual(restCalls, [["r", "c-1", "yes", undefined, 2]]);
});
