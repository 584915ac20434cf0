import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import type { OutboxItem } from "./outbox.js";
import type { ChatApi } from "../api.js";
import type { ChatMessage, MessageAck } from "../protocol.js";
import { withTimeout } from "../with-timeout.js";

/** A send unanswered this long is retried (safely: same clientMessageId), in case the connection is half-open. */
const sendTimeoutMs = 15_000;

/** How an outbox item reached the server: acknowledged over the hub, or stored and returned over REST. */
export type Delivery = { ack: MessageAck; message?: undefined } | { message: ChatMessage; ack?: undefined };

/**
 * Sends one outbox item with its clientMessageId: over the hub when connected, else over REST. Replies use
 * `PostMessage` (with `replyTo`), other items with files `SendMessageWithFiles`, the rest `SendMessage`, which
 * servers before attachments and replies also know.
 */
export async function deliver(hub: HubConnection, api: ChatApi, roomId: string, item: OutboxItem): Promise<Delivery> {
  const fileIds = item.fileIds ?? [];
  const replyTo = item.replyTo?.seq;
  if (hub.state !== HubConnectionState.Connected) return { message: await api.send(roomId, item.clientMessageId, item.text, item.fileIds, replyTo) };
  const ack = replyTo !== undefined
    ? hub.invoke<MessageAck>("PostMessage", roomId, { clientMessageId: item.clientMessageId, text: item.text, fileIds, replyTo })
    : fileIds.length > 0
    ? hub.invoke<MessageAck>("SendMessageWithFiles", roomId, item.clientMessageId, item.text, fileIds)
    : hub.invoke<MessageAck>("SendMessage", roomId, item.clientMessageId, item.text);
  return { ack: await withTimeout(sendTimeoutMs, ack) };
}
