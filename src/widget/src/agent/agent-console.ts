import { ChatClient } from "@orleanschat/client";
import { Outbox } from "@orleanschat/client";
import { TokenCredentials } from "@orleanschat/client";
import { h } from "../dom";
import { describe } from "@orleanschat/client";
import { AlertEmail } from "./alert-email";
import { ConversationPane } from "./conversation-pane";
import { Desk } from "./desk";
import { ArchiveView } from "./archive-view";
import { t } from "./i18n/text";
import { QueueView } from "./queue-view";
import { ReportView } from "./report-view";
import { keepToken, type AgentSession } from "./sign-in";

/** Waiting times and "for 3 min" move on by themselves. */
const clockTickMs = 15_000;

/**
 * The agent console: the desk's queues on the left, the open conversation on the right. The agent is live in
 * every conversation they hold (a chat client each, so unread counts and the visitor's typing stay current), and
 * in the one on screen.
 */
export class AgentConsole {
  private readonly credentials: TokenCredentials;
  private readonly desk: Desk;
  private readonly queues: QueueView;
  private readonly reports: ReportView;
  private readonly clients = new Map<string, ChatClient>();
  private readonly outbox: Outbox;
  private readonly main = h("main", { class: "conversation" }, h("p", { class: "empty" }, t("empty")));
  private readonly notice = h("p", { class: "notice", role: "alert", hidden: true });
  private pane: ConversationPane | null = null;
  /** The chat client the pane shows: the pane's conversation's, once the agent is in its room. */
  private paneClient: ChatClient | null = null;

  /** `onSignInEnded`: the server will not renew the agent's sign-in any more; they sign in again. */
  constructor(
    private readonly baseUrl: string,
    private readonly session: AgentSession,
    root: HTMLElement,
    header: HTMLElement,
    onSignInEnded: () => void,
  ) {
    // One token for the desk and every conversation, renewed as it nears its end and kept for a reload.
    this.credentials = new TokenCredentials(session.token, baseUrl, keepToken, onSignInEnded);
    this.desk = new Desk(baseUrl, session, this.credentials);
    this.outbox = Outbox.forUser(localStorage, session.userId);
    const failed = (error: unknown) => this.fail(error);
    const archive = new ArchiveView(this.desk.api, session.siteId, (record) => {
      this.desk.know(record.conversation);
      this.select(record.conversation.conversationId);
    }, failed);
    this.queues = new QueueView((id) => this.select(id), archive.element);
    this.reports = new ReportView(this.desk.api, session.siteId, failed);
    const reportsButton = h("button", { type: "button", class: "show-reports" }, t("reports.show"));
    reportsButton.addEventListener("click", () => void this.reports.toggle());
    const status = h("select", { class: "my-status", "aria-label": t("myStatus.label") },
      h("option", { value: "online" }, t("myStatus.online")), h("option", { value: "away" }, t("myStatus.away")));
    status.addEventListener("change", () => void this.run(() => this.desk.setStatus(status.value as "online" | "away")));
    const state = h("span", { class: "state", "data-state": "connecting" }, t("state.connecting"));
    const alertEmail = new AlertEmail(this.desk.api, session.siteId);
    void alertEmail.load();
    header.append(h("span", { class: "me" }, `${session.displayName} · ${session.siteId}`), status, reportsButton, alertEmail.element, state);
    root.replaceChildren(this.notice, this.reports.element, h("div", { class: "desk" }, this.queues.element, this.main));

    this.desk.on("state", (s) => {
      state.dataset.state = s;
      state.textContent = t(s === "connected" || s === "reconnecting" ? `state.${s}` : "state.connecting");
      // Notes told while the connection was down are read again.
      if (s === "connected" && this.pane) this.loadNotes(this.pane);
    });
    this.desk.on("note", (note) => this.pane?.addNote(note));
    this.desk.on("conversations", () => this.sync());
    this.desk.on("agents", (agents) => this.pane?.update(this.desk.conversations.get(this.pane.conversationId)!, agents));
    setInterval(() => this.sync(), clockTickMs);
    document.addEventListener("visibilitychange", () => this.markSelectedRead());
  }

  start(): Promise<void> {
    return this.desk.start();
  }

  /** Joins the conversations the agent holds, leaves the rest (the one on screen stays until another is picked). */
  private sync(): void {
    const selected = this.pane?.conversationId ?? null;
    for (const conversation of this.desk.conversations.values()) {
      const mine = conversation.status === "assigned" && conversation.agentId === this.session.userId;
      if (mine && !this.clients.has(conversation.roomId)) this.follow(conversation.roomId);
    }
    for (const [roomId, client] of this.clients) {
      const conversation = this.desk.conversations.get(roomId);
      const mine = conversation?.status === "assigned" && conversation.agentId === this.session.userId;
      if (!mine && roomId !== selected) {
        this.clients.delete(roomId);
        void client.stop();
      }
    }
    this.queues.render([...this.desk.conversations.values()].map((conversation) => ({
      conversation,
      unread: this.clients.get(conversation.roomId)?.unreadCount() ?? 0,
    })), this.session.userId, selected);
    if (this.pane) {
      const shown = this.desk.conversations.get(this.pane.conversationId);
      if (shown) this.pane.update(shown, this.desk.agents);
      // One that ended stays on screen, read-only, until a client that follows the room again is connected (the desk
      // may still name the agent for a moment after moving them out: that client is refused) or another is picked.
      const onScreen = this.paneClient?.roomId === this.pane.conversationId ? this.paneClient : null;
      const followed = this.clients.get(this.pane.conversationId) ?? null;
      const client = onScreen !== null && onScreen.ended && followed?.state !== "connected" ? onScreen : followed;
      if (client !== this.paneClient) this.bindPane(client);
    }
  }

  private select(conversationId: string): void {
    const conversation = this.desk.conversations.get(conversationId);
    if (!conversation) return;
    this.pane = new ConversationPane(conversation, this.session.userId, {
      take: (id) => void this.run(() => this.desk.take(id)),
      transfer: (id, agentId) => void this.run(() => this.desk.transfer(id, agentId)),
      resolve: (id) => void this.run(() => this.desk.resolve(id)),
      note: (id, text) => this.run(() => this.desk.addNote(id, text)),
      reopen: (id) => void this.run(() => this.desk.reopen(id)),
      label: (id, label, add) => void this.run(() => this.desk.label(id, label, add)),
    });
    this.pane.update(conversation, this.desk.agents);
    this.loadNotes(this.pane);
    const pane = this.pane;
    // Read again for each conversation opened: one a colleague just added is there.
    void this.run(async () => pane.useCannedResponses(await this.desk.cannedResponses()));
    this.desk.api.profile(conversationId).then((profile) => pane.profile.show(profile), (error: unknown) => pane.profile.failed(describe(error)));
    this.main.replaceChildren(this.pane.element);
    this.bindPane(null);
    this.sync();
  }

  private loadNotes(pane: ConversationPane): void {
    void this.run(async () => pane.showNotes(await this.desk.notes(pane.conversationId)));
  }

  private bindPane(client: ChatClient | null): void {
    const previous = this.paneClient;
    // An ended client kept on screen is let go once replaced.
    if (previous && previous !== client && this.clients.get(previous.roomId) !== previous) void previous.stop();
    this.paneClient = client;
    this.pane?.bind(client);
    this.markSelectedRead();
  }

  /** A chat client for a room the agent is in; what it hears redraws the lists and, when on screen, the pane. */
  private follow(roomId: string): void {
    // Never a join: the desk may have moved the conversation on since it said the agent holds it, and a join would
    // take it back (an agent takes a conversation with Take).
    const client = new ChatClient(this.baseUrl, this.credentials, roomId, localStorage, this.outbox, undefined, { joins: false });
    this.clients.set(roomId, client);
    const onScreen = () => this.pane?.conversationId === roomId && this.paneClient === client;
    const redraw = () => {
      if (onScreen()) {
        this.pane!.render();
        this.markSelectedRead();
      }
      this.sync();
    };
    client.on("messages", redraw);
    client.on("changed", redraw);
    client.on("restarted", redraw);
    client.on("outbox", redraw);
    client.on("members", redraw);
    client.on("read", redraw);
    client.on("typing", (names) => onScreen() && this.pane!.setTyping(names));
    client.on("drafts", (drafts) => onScreen() && this.pane!.setDrafts(drafts));
    client.uploads.on("changed", () => onScreen() && this.pane!.renderUploads());
    // The agent is out of the room (moved off the conversation, or it was resolved) or its join was refused, and the
    // client ended: let go of it, so that a later sync (the clock's, or a change's) follows the room again while the
    // desk says the agent holds it; not at once, which would loop. On screen it stays, read-only, with what it held
    // and its unsent messages' failures, until replaced.
    client.on("state", (state) => {
      if (this.clients.get(roomId) !== client) return;
      // Connected in place of an ended one on screen: it takes the pane.
      if (state === "connected" && this.pane?.conversationId === roomId && this.paneClient !== client) this.sync();
      if (!client.ended) return;
      this.clients.delete(roomId);
      if (onScreen()) this.pane!.bind(client);
      else void client.stop();
    });
    client.start();
  }

  private markSelectedRead(): void {
    if (document.visibilityState === "visible") this.paneClient?.markRead();
  }

  /** Runs an action, saying plainly when the server refused it; true when it succeeded. */
  private async run(action: () => Promise<void>): Promise<boolean> {
    this.notice.hidden = true;
    try {
      await action();
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  private fail(error: unknown): void {
    this.notice.textContent = describe(error);
    this.notice.hidden = false;
  }
}
