import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import assert from "node:assert/strict";
import { test } from "node:test";
import { message } from "./messages";
import type { ChatApi } from "../src/api";
import { MessageCommands } from "../src/messages/message-commands";
import type { ChatMessage } from "../src/protocol";

/** A hub in the given state that records what was invoked and answers with the message as changed. */
function hub(state: HubConnectionState, calls: unknown[][]): HubConnection {
  return { state, invoke: async (...args: unknown[]) => (calls.push(args), { ...message(3), changeSeq: 1 }) } as unknown as HubConnection;
}

/** An API that records REST calls by name and answers likewise. */
function api(calls: unknown[][]): ChatApi {
  const record = (name: string) => async (...args: unknown[]) => (calls.push([name, ...args]), { ...message(3), changeSeq: 2 });
  return { edit: record("edit"), delete: record("delete"), react: record("react") } as unknown as ChatApi;
}

test("changes go over the hub when connected, and the server's answer is settled", async () => {
  const calls: unknown[][] = [];
  const settled: ChatMessage[] = [];
  const commands = new MessageCommands(hub(HubConnectionState.Connected, calls), api([]), "r", (m) => settled.push(m));
  await commands.edit(3, "new");
  await commands.delete(3);
  await commands.react(3, "👍", false);
  assert.deepEqual(calls, [["EditMessage", "r", 3, "new"], ["DeleteMessage", "r", 3], ["SetReaction", "r", 3, "👍", false]]);
  assert.deepEqual(settled.map((m) => m.changeSeq), [1, 1, 1]);
});

test("while the hub is down, changes go over REST", async () => {
  const calls: unknown[][] = [];
  const settled: ChatMessage[] = [];
  const commands = new MessageCommands(hub(HubConnectionState.Reconnecting, []), api(calls), "r", (m) => settled.push(m));
  await commands.edit(3, "new");
  await commands.react(3, "🎉", true);
  assert.deepEqual(calls, [["edit", "r", 3, "new"], ["react", "r", 3, "🎉", true]]);
  assert.equal(settled.length, 2);
});

test("a refusal rejects and settles nothing", async () => {
  const settled: ChatMessage[] = [];
  const refusing = { state: HubConnectionState.Connected, invoke: async () => { throw new Error("HubException: forbidden: not yours"); } };
  const commands = new MessageCommands(refusing as unknown as HubConnection, api([]), "r", (m) => settled.push(m));
  await assert.rejects(commands.edit(3, "x"), /forbidden/);
  assert.deepEqual(settled, []);
});
