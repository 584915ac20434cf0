import {
  ChatClient, Emitter, isPermanentFailure, reconnectDelay, TokenCredentials, VisitorConversation, VisitorCredentials,
  type ChatMessage, type Credentials, type MessageQuote, type SupportStatus,
} from "@orleanschat/client";
import { FileLinks } from "./files/file-links";
import type { WidgetOptions } from "./options";
import { OfflinePanel } from "./support/offline-panel";
import { RatingForm } from "./support/rating-form";
import { SupportBar } from "./support/support-bar";
import { UnreadSignals } from "./unread-signals";
import { ChatView } from "./view";

export interface WidgetEvents {
  [name: string]: unknown;
  message: ChatMessage;
  open: void;
  close: void;
  state: string;
  unread: number;
  /** Support mode: the conversation's status (`bot`, `waiting`, `assigned`, `resolved`). */
  support: SupportStatus;
}

/** Options that cannot work: retrying will not help. */
class ConfigurationError extends Error {}

/** A widget instance: opens the session for its mode, then wires the chat client to the view. */
export class Widget {
  readonly events = new Emitter<WidgetEvents>();
  private readonly view: ChatView;
  private readonly supportBar = new SupportBar(() => void this.handOff());
  private readonly offlinePanel = new OfflinePanel((email, transcript) => this.leaveEmail(email, transcript));
  private askedForAgent: string | null = null;
  private client: ChatClient | null = null;
  /** Written before the session was open: sent as soon as there is a client to send them. */
  private readonly early: { text: string; files: File[]; replyTo?: MessageQuote }[] = [];
  private conversation: VisitorConversation | null = null;
  private stopped = false;
  private credentials: Credentials | null = null;
  private loadingOlder = false;
  private readonly signals: UnreadSignals;

  constructor(private readonly options: WidgetOptions) {
    this.signals = new UnreadSignals(options, () => this.view.open());
    this.view = new ChatView(options, {
      send: (text, files, replyTo) => this.send(text, files, replyTo),
      edit: (seq, text) => this.withClient((client) => client.commands.edit(seq, text)),
      remove: (seq) => this.withClient((client) => client.commands.delete(seq)),
      react: (seq, emoji, reacted) => this.withClient((client) => client.commands.react(seq, emoji, reacted)),
      removeFile: (id, fileId) => this.client?.uploads.remove(id, fileId),
      typed: () => this.client?.typed(),
      retry: (id) => this.client?.retry(id),
      discard: (id) => this.client?.discard(id),
      loadOlder: () => void this.loadOlder(),
      seen: (seq) => this.client?.markRead(seq),
      openChanged: (open) => {
        if (open) {
          this.signals.askPermission();
          this.view.checkSeen();
        }
        this.refreshUnread();
        this.events.emit(open ? "open" : "close", undefined);
      },
    });
    if (options.mode === "support") {
      this.view.addBar(this.supportBar.element);
      this.view.addBar(this.offlinePanel.element);
    }
    document.body.append(this.view.host);
    document.addEventListener("visibilitychange", this.onVisibilityChange);
    if (options.open) this.view.open();
    void this.start();
  }

  open(): void {
    this.view.open();
  }

  private send(text: string, files: File[], replyTo?: MessageQuote): void {
    this.signals.askPermission();
    if (this.client) {
      this.client.uploads.write(text, files, replyTo);
      return;
    }
    // Shown as sending meanwhile; the chat client takes them over once the session is open.
    this.early.push({ text, files, replyTo });
    this.view.renderOutbox(this.early.map((early, index) => (
      { clientMessageId: `early-${index}`, roomId: "", text: early.text, createdAt: Date.now(), state: "pending", attempts: 0 })));
  }

  close(): void {
    this.view.close();
  }

  /** A change to a message needs the session: there are no messages to change before it. */
  private withClient(change: (client: ChatClient) => Promise<void>): Promise<void> {
    return this.client ? change(this.client) : Promise.reject(new Error("not connected yet"));
  }

  async destroy(): Promise<void> {
    this.stopped = true;
    document.removeEventListener("visibilitychange", this.onVisibilityChange);
    this.view.remove();
    this.signals.stop();
    this.credentials?.stop();
    await this.client?.stop();
  }

  /** Messages that arrived while the tab was in the background count as read once the user sees them on coming back. */
  private readonly onVisibilityChange = () => {
    this.view.checkSeen();
    this.refreshUnread();
  };

  /** Whether the user can see the chat now: the panel open in a tab at the front. */
  private get looking(): boolean {
    return this.view.isOpen && document.visibilityState === "visible";
  }

  /** Opens the session for the mode; a refusal is final, anything else (server down, no network) is retried. */
  private async start(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const { credentials, roomId } = await this.openSession();
        if (this.stopped) {
          credentials.stop();
          return;
        }
        this.credentials = credentials;
        this.connect(new ChatClient(this.options.server, credentials, roomId, localStorage));
        return;
      } catch (error) {
        if (isPermanentFailure(error) || error instanceof ConfigurationError) {
          console.warn("OrleansChat: no chat session", error);
          this.view.setState("unavailable");
          this.events.emit("state", "unavailable");
          return;
        }
        this.view.setState(navigator.onLine ? "reconnecting" : "offline");
        await new Promise((resolve) => setTimeout(resolve, reconnectDelay(attempt)));
      }
    }
  }

  private async openSession(): Promise<{ credentials: Credentials; roomId: string }> {
    if (this.options.mode === "room") {
      if (!this.options.token || !this.options.roomId) throw new ConfigurationError("Room mode needs a roomId and a token.");
      try {
        return { credentials: new TokenCredentials(this.options.token, this.options.server), roomId: this.options.roomId };
      } catch {
        throw new ConfigurationError("The token is not a JWT.");
      }
    }
    if (!this.options.site) throw new ConfigurationError("Support mode needs a site (data-site).");
    const visitor = await VisitorCredentials.open(this.options.server, this.options.site, this.options.user ?? {}, localStorage);
    return { credentials: visitor, roomId: visitor.roomId };
  }

  private connect(client: ChatClient): void {
    this.client = client;
    this.view.setUser(client.user.userId, FileLinks.forRoom(client.api, client.roomId));
    client.on("state", (state) => {
      // Out of the room for good (removed or banned, while away or not): to the page as a session refused at the start.
      const shown = state === "refused" || state === "left" ? "unavailable" : state;
      this.view.setState(shown);
      this.events.emit("state", shown);
    });
    client.on("messages", ({ added, live }) => {
      this.view.addMessages(added, (seq) => client.timeline.following(seq), live);
      this.view.setOlderAvailable((client.timeline.oldestSeq ?? 1) > 1);
      this.refreshUnread();
      if (live && !this.looking) this.signals.arrived(added.filter((m) => m.senderId !== client.user.userId), client.unreadCount());
      this.refreshMembers();
      if (live) for (const message of added) this.events.emit("message", message);
    });
    client.on("changed", (messages) => this.view.updateMessages(messages));
    client.on("restarted", () => this.view.clearMessages());
    client.on("outbox", (items) => this.view.renderOutbox(items));
    client.uploads.on("changed", (messages) => this.view.renderUploads(messages));
    client.on("drafts", (drafts) => this.view.setDrafts(drafts));
    client.on("typing", (names) => this.view.setTyping(names));
    client.on("members", () => this.refreshMembers());
    client.on("read", () => this.refreshUnread());
    for (const { text, files, replyTo } of this.early.splice(0)) client.uploads.write(text, files, replyTo);
    this.view.renderOutbox(client.outbox.list(client.roomId));
    if (this.options.mode === "support" && this.options.site) this.followConversation(client, this.options.site);
    client.start();
  }

  /**
   * Support mode: the conversation's status in the bar, once the visitor has written (page views alone open no
   * conversation): read on each (re)connect, after the first message, and from the live changes.
   */
  private followConversation(client: ChatClient, siteId: string): void {
    const conversation = new VisitorConversation(client.api, siteId, client.roomId, (state) => {
      this.refreshSupportBar();
      this.events.emit("support", state.status);
    });
    this.conversation = conversation;
    this.supportBar.offerRating(new RatingForm(client.roomId, (score, comment) => conversation.rate(score, comment)));
    // Not reachable now: the next connect refreshes it.
    const refresh = () => void conversation.refresh().catch(() => undefined);
    const wrote = (messages: readonly ChatMessage[]) => messages.some((m) => m.senderId === client.user.userId);
    client.on("support", (change) => conversation.apply(change));
    client.on("state", (state) => state === "connected" && wrote(client.timeline.messages) && refresh());
    // Whether anyone is there, on each (re)connect; not reachable now, the next connect asks again.
    client.on("state", (state) => state === "connected" && void client.api.availability(siteId).then((a) => this.offlinePanel.show(a), () => undefined));
    client.on("messages", ({ added }) => conversation.state === null && wrote(added) && refresh());
  }

  private async handOff(): Promise<void> {
    try {
      await this.conversation?.handOff();
    } catch (error) {
      console.warn("OrleansChat: could not ask for a person", error);
      this.supportBar.failed();
    }
  }

  /** The visitor's address goes with their conversation, which it opens if they have not written yet. */
  private async leaveEmail(email: string, transcript: boolean): Promise<void> {
    const conversation = this.conversation;
    if (!conversation || !this.client) throw new Error("Not connected yet.");
    if (!conversation.state) await conversation.refresh();
    await this.client.api.leaveEmail(conversation.conversationId, email, transcript);
  }

  private refreshSupportBar(): void {
    const state = this.conversation?.state;
    if (!state) return;
    const agent = this.client?.memberList().find((m) => m.userId === state.agentId);
    this.supportBar.show(state, agent?.displayName ?? null);
    // The agent's joining can arrive after the change that names them, or be missed around a join: ask once.
    if (state.status === "assigned" && state.agentId && !agent && this.askedForAgent !== state.agentId) {
      this.askedForAgent = state.agentId;
      void this.client?.reloadMembers().catch(() => undefined);
    }
  }

  private async loadOlder(): Promise<void> {
    // Scrolling fires many events at the top: one page at a time.
    if (this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      this.view.setOlderAvailable(await this.client?.loadOlder() ?? false);
    } catch {
      // Offline or unavailable: the button stays for another try.
    } finally {
      this.loadingOlder = false;
    }
  }

  private refreshUnread(): void {
    const unseen = this.client?.unreadCount() ?? 0;
    const count = this.view.isOpen ? 0 : unseen;
    this.view.setUnread(count);
    this.view.setUnseen(unseen);
    this.signals.unseenChanged(unseen);
    this.events.emit("unread", count);
  }

  private refreshMembers(): void {
    const client = this.client;
    if (!client) return;
    const own = client.timeline.messages.filter((m) => m.senderId === client.user.userId);
    this.view.setMembers(client.memberList(), client.memberCount(), own.length > 0 ? own[own.length - 1].seq : null);
    this.refreshSupportBar();
  }
}
