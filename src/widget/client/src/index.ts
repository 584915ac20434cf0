// @orleanschat/client: OrleansChat's protocol, REST and live client for browsers and Node 20, as the widget and the
// agent console use it. `ChatClient` keeps one room's timeline whole (rejoin with the last seq, gaps filled over REST,
// each message once and in seq order), sends through a stored outbox with each message's clientMessageId until it is
// acknowledged, follows changes to messages in change order, and renews tokens through its credentials.
export * from "./protocol.js";
export * from "./errors.js";
export * from "./api.js";
export * from "./credentials/credentials.js";
export * from "./credentials/hook-credentials.js";
export * from "./chat-client.js";
export * from "./chat-events.js";
export * from "./live-connection.js";
export * from "./network.js";
export * from "./outbox/outbox.js";
export * from "./messages/timeline.js";
export * from "./messages/message-changes.js";
export * from "./messages/message-commands.js";
export * from "./support/assistant-drafts.js";
export * from "./uploads/upload-queue.js";
export * from "./support/visitor-conversation.js";
export * from "./support/support-records.js";
export * from "./emitter.js";
export * from "./backoff.js";
export * from "./ids.js";
