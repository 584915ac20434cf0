import { ChatApi } from "./api.js";
import type { ChatClientEvents, ConnectionState } from "./chat-events.js";
import type { Credentials } from "./credentials/credentials.js";
import { Emitter } from "./emitter.js";
import { newClientMessageId } from "./ids.js";
import { LiveConnection } from "./live-connection.js";
import { HistoryFill } from "./messages/history-fill.js";
import { MessageChanges } from "./messages/message-changes.js";
import { MessageCommands } from "./messages/message-commands.js";
import { Timeline } from "./messages/timeline.js";
import type { Network } from "./network.js";
import { Outbox, type KeyValueStore } from "./outbox/outbox.js";
import type { Delivery } from "./outbox/outbox-delivery.js";
import { OutboxSender } from "./outbox/outbox-sender.js";
import type {
  AssistantDelta, Attachment, ChatMessage, Member, MemberJoined, MemberLeft, MessageChange, MessageQuote, PresenceChanged, ReadReceipt,
  RoomLeft, SupportChanged, TypingChanged,
} from "./protocol.js";
import { ReadCursor } from "./read-cursor.js";
import { RoomListening } from "./room-listening.js";
import { Roster } from "./roster.js";
import { AssistantDrafts } from "./support/assistant-drafts.js";
import { Timers } from "./timers.js";
import { OwnTyping } from "./typing/own-typing.js";
import { TypingBoard } from "./typing/typing-board.js";
import { UploadQueue } from "./uploads/upload-queue.js";

const typingShownMs = 6000;
const gapFillDelayMs = 300;

/**
 * One room, live: joins it over SignalR, keeps its timeline whole across reconnects (rejoin with the last seq,
 * fill gaps over REST), sends from the outbox until each message is acknowledged, follows the changes to its
 * messages (edits, deletions, reactions) in order, and tracks typing, presence, read cursors and the assistant's
 * answers as they are written. It holds no DOM; the view listens to its events.
 */
export class ChatClient extends Emitter<ChatClientEvents> {
  readonly timeline = new Timeline();
  readonly outbox: Outbox;
  readonly api: ChatApi;

  private readonly connection: LiveConnection;
  private readonly roster = new Roster((members) => this.emit("members", members));
  private readonly cursor = new ReadCursor((seq) => this.invokeIfConnected("MarkRead", seq), (seq) => this.emit("read", seq));
  private readonly timers = new Timers();
  private readonly later = this.timers.later;
  /** Messages with files wait here while the files upload, then move on to the outbox in the order written. */
  readonly uploads = new UploadQueue((file, id, progress, signal) => this.api.upload(this.roomId, file, id, progress, signal),
    (text, attachments, id, replyTo) => this.send(text, attachments, id, replyTo), this.later);
  private readonly typingBoard = new TypingBoard((names) => this.emit("typing", names), this.later, typingShownMs);
  private readonly drafts = new AssistantDrafts((drafts) => this.emit("drafts", drafts), this.later);
  private readonly ownTyping = new OwnTyping((isTyping) => this.invokeIfConnected("SetTyping", isTyping), this.later);
  private readonly sender: OutboxSender;
  private readonly listening: RoomListening;
  private readonly history: HistoryFill;
  /** Edits, deletions and reactions the user makes; the server's answers go to `changes`. */
  readonly commands: MessageCommands;
  /** The changes to the room's messages, applied to the timeline in order (the `changed` event tells of them). */
  readonly changes: MessageChanges;

  /**
   * `store`: where the outbox keeps what is not yet acknowledged (`localStorage` in a browser; a `Map` keeps it for the
   * process). `outbox`: shared by the clients of one user on a page (the agent console's, one per conversation).
   * `network`: the browser's by default; elsewhere always online. `joins: false`: the client only listens while the
   * user is a member (`RejoinRoom`), and does not join at its start either (the agent console's: an agent joins a
   * conversation by taking it); out of the room, it ends as `refused`. A server of a release before `RejoinRoom` can
   * only be asked to join.
   */
  constructor(
    baseUrl: string, private readonly credentials: Credentials, readonly roomId: string, store: KeyValueStore, outbox?: Outbox,
    network?: Network, { joins = true }: { joins?: boolean } = {},
  ) {
    super();
    this.api = new ChatApi(baseUrl, () => credentials.token());
    this.outbox = outbox ?? Outbox.forUser(store, credentials.user.userId);
    this.history = new HistoryFill(this.api, roomId, this.timeline, () => this.changes.lastChange,
      (page, readAfter) => this.addMessages(page.messages, false, page.lastSeq, page.epoch, page.firstSeq, readAfter));
    // Coalesced: a storm of reactions arrives as the changes that hold its result, not each one.
    this.connection = new LiveConnection(`${baseUrl}/hubs/chat?features=coalesced-changes`, () => credentials.token(), {
      joined: () => this.joinAndCatchUp(), state: (state) => this.onState(state), network, later: this.later,
    });
    const hub = this.connection.hub;
    this.listening = new RoomListening(hub, roomId, joins);
    this.sender = new OutboxSender(hub, this.api, roomId, this.outbox, () => this.connection.active, this.later,
      (sent) => this.onAcknowledged(sent), () => this.emit("outbox", this.outbox.list(roomId)));
    this.commands = new MessageCommands(hub, this.api, roomId, (message) => this.changes.settle(message));
    this.changes = new MessageChanges(this.timeline, credentials.user.userId, (after) => this.commands.changesAfter(after),
      (messages) => this.emit("changed", messages));
    hub.on("MessageReceived", (message: ChatMessage) => this.onMessage(message));
    hub.on("MessagesChanged", (changes: MessageChange[]) => {
      for (const change of changes) if (change.roomId === roomId) this.changes.live(change);
    });
    hub.on("TypingChanged", (typing: TypingChanged) => this.onTyping(typing));
    hub.on("PresenceChanged", (presence: PresenceChanged) => this.roster.update(presence.userId, { status: presence.status }));
    hub.on("MemberJoined", (joined: MemberJoined) => joined.roomId === roomId && this.roster.set(joined.member));
    hub.on("MemberLeft", (left: MemberLeft) => left.roomId === roomId && this.roster.remove(left.userId));
    // The user is out of the room (left on another device, removed, banned): joining it again at the next reconnect
    // would put them back in a public room. A rejoin, which never joins, confirms it.
    hub.on("RoomLeft", (left: RoomLeft) =>
      left.roomId === roomId && void this.connection.confirmEnd(() => this.joinAndCatchUp(true)));
    hub.on("ReadReceipt", (receipt: ReadReceipt) => receipt.roomId === roomId && this.onReceipt(receipt));
    hub.on("AssistantDelta", (delta: AssistantDelta) => delta.roomId === roomId && this.drafts.grow(delta));
    // An agent's connections also hear of every conversation of their desk: this client tells only of its room's.
    hub.on("SupportChanged", (change: SupportChanged) => change.roomId === roomId && this.emit("support", change));
  }

  get user() {
    return this.credentials.user;
  }

  /** The newest seq the user has read (here or on another tab or device). */
  get readSeq(): number {
    return this.cursor.seq;
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  /** Ended for good (`refused`, `left`): the user is out of the room, and the client no longer hears it. */
  get ended(): boolean {
    return this.state === "refused" || this.state === "left";
  }

  start(): void {
    // Back online: what waits is sent at once.
    void this.connection.start(() => {
      void this.sender.send();
      this.uploads.resume();
    });
  }

  async stop(): Promise<void> {
    this.timers.stop();
    await this.connection.stop();
  }

  /** The members known; in a room past the server's member-events limit, only some of them (see `memberCount`). */
  memberList(): Member[] {
    return this.roster.list();
  }

  /** How many members the room has, listed or not. */
  memberCount(): number {
    return this.roster.count();
  }

  /** Messages from others that the user has not read. */
  unreadCount(): number {
    return this.timeline.messages.filter((m) => m.seq > this.readSeq && m.senderId !== this.user.userId).length;
  }

  /**
   * Writes a message into the outbox, which sends it until it is acknowledged. Returns its `clientMessageId` (the
   * stored message carries it), or null when there is nothing to send. `replyTo`: the message this one answers,
   * quoted as the user saw it.
   */
  send(text: string, attachments: readonly Attachment[] = [], clientMessageId = newClientMessageId(), replyTo?: MessageQuote): string | null {
    const trimmed = text.trim();
    if (!trimmed && attachments.length === 0) return null;
    this.outbox.add(this.roomId, trimmed, clientMessageId, Date.now(), attachments, replyTo);
    this.emit("outbox", this.outbox.list(this.roomId));
    this.stopTyping();
    void this.sender.send();
    return clientMessageId;
  }

  retry(clientMessageId: string): void {
    if (this.outbox.retry(clientMessageId)) this.emit("outbox", this.outbox.list(this.roomId));
    void this.sender.send();
  }

  discard(clientMessageId: string): void {
    if (this.outbox.discard(clientMessageId)) this.emit("outbox", this.outbox.list(this.roomId));
  }

  /** Scrolls back: the page before the oldest message held. Returns whether older messages remain. */
  async loadOlder(): Promise<boolean> {
    const oldest = this.timeline.oldestSeq;
    if (oldest === null || oldest <= 1) return false;
    const readAfter = this.changes.lastChange;
    const page = await this.api.history(this.roomId, { before: oldest });
    this.addMessages(page.messages, false, undefined, page.epoch, undefined, readAfter);
    // History may begin after seq 1: what lies below `firstSeq` was archived.
    return (this.timeline.oldestSeq ?? 1) > (page.firstSeq ?? 1);
  }

  /** Reads the members again: an event can overtake another (a conversation's agent named before their joining). */
  async reloadMembers(): Promise<void> {
    const members = (await this.api.room(this.roomId)).members;
    if (members) this.roster.replace(members);
    this.emit("members", this.roster.list());
  }

  /**
   * Moves the read cursor to `upTo` (the newest message the user has seen), by default to the newest message held
   * (the user is looking at them all). Never past a gap: what is missing has not been seen.
   */
  markRead(upTo = this.timeline.lastSeq ?? 0): void {
    this.cursor.read(Math.min(upTo, this.timeline.lastSeq ?? 0));
  }

  /** A keystroke in the composer: tells the room, throttled, and that typing stopped once the user pauses. */
  typed(): void {
    this.ownTyping.typed();
  }

  stopTyping(): void {
    this.ownTyping.stop();
  }

  private onState(state: ConnectionState): void {
    // Ended for good: what waits in the outbox goes over REST once more, so that each item shows the server's answer
    // (not a member) instead of sending forever.
    if (this.ended) void this.sender.send();
    this.emit("state", state);
  }

  /**
   * Joins (or rejoins) with the last seq held, so the snapshot carries exactly what was missed, then sends. A rejoin
   * only listens again (`RejoinRoom`): one that joined would undo a leave or a removal made while this client was away.
   */
  private async joinAndCatchUp(rejoin?: boolean): Promise<void> {
    this.changes.joining();
    const snapshot = await this.listening.snapshot(this.timeline.lastSeq, rejoin);
    // Before the read cursor: one of an old epoch must not mark the new epoch's messages read.
    this.enterEpoch(snapshot.epoch);
    this.roster.replace(snapshot.members, snapshot.memberCount);
    this.cursor.joined(snapshot);
    this.addMessages(snapshot.messages, false, snapshot.lastSeq, snapshot.epoch, snapshot.firstSeq);
    // The changes after the cursor held before the reconnect, or those the snapshot's messages do not hold yet.
    void this.changes.joined(snapshot);
    this.emit("members", this.roster.list());
    await this.history.gaps();
    void this.sender.send();
  }

  private onMessage(message: ChatMessage): void {
    if (message.roomId !== this.roomId) return;
    this.typingBoard.sent(message.senderId);
    this.addMessages([message], true);
    if (this.timeline.gapAfter() !== null) this.later(gapFillDelayMs, () => void this.history.gaps());
  }

  private addMessages(
    messages: readonly ChatMessage[], live: boolean, lastSeq?: number, epoch = messages[0]?.epoch, firstSeq?: number, readAfter?: number | null,
  ): void {
    this.enterEpoch(epoch);
    // A page read before a change that reached the messages held then gets it too.
    const added = this.changes.arrived(this.timeline.merge(messages, lastSeq, firstSeq), readAfter);
    this.drafts.settle(added);
    if (this.outbox.reconcile(added, this.user.userId)) this.emit("outbox", this.outbox.list(this.roomId));
    if (added.length > 0) this.emit("messages", { added, live });
  }

  /**
   * Seqs of a new epoch arrive (the server restored a backup): the timeline starts over with them, and the latest
   * page fills in what came before them in that epoch. Each reuses seqs that were held, so nothing new is dropped.
   */
  private enterEpoch(epoch: number | undefined): void {
    if (!this.timeline.enter(epoch)) return;
    this.cursor.reset();
    this.changes.reset();
    this.emit("restarted", undefined);
    void this.history.latest();
  }

  /** The server answered a send: its message joins the timeline, or its seq is known until the push or a gap fill brings it. */
  private onAcknowledged(sent: Delivery): void {
    if (sent.message) {
      this.addMessages([sent.message], false);
      return;
    }
    // The push of this message normally comes first; if it was lost, the gap fill fetches it.
    this.enterEpoch(sent.ack.epoch);
    this.timeline.observe(sent.ack.seq);
    this.later(gapFillDelayMs * 3, () => void this.history.gaps());
  }

  /** A call about the room that only matters now: not made while disconnected, its failure ignored. */
  private invokeIfConnected(method: "MarkRead" | "SetTyping", arg: number | boolean): void {
    if (this.connection.connected) this.connection.hub.invoke(method, this.roomId, arg).catch(() => undefined);
  }

  private onTyping(typing: TypingChanged): void {
    if (typing.roomId !== this.roomId || typing.userId === this.user.userId) return;
    this.typingBoard.typingChanged(typing.userId, typing.displayName, typing.isTyping);
  }

  private onReceipt(receipt: ReadReceipt): void {
    if (receipt.userId === this.user.userId) this.cursor.readElsewhere(receipt.seq);
    this.roster.readUpTo(receipt.userId, receipt.seq);
  }
}
