import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { reconnectDelay } from "./backoff.js";
import type { ConnectionState } from "./chat-events.js";
import { isRefusedByServer } from "./errors.js";
import { deviceNetwork, type Network } from "./network.js";

export interface LiveConnectionOptions {
  /**
   * What a new connection does before it counts as connected: a room's join and catch-up, a desk's reload. When it
   * fails, the connection is dropped and made again; when the server refused one of its hub calls for good
   * (`forbidden`, `not-found`, `invalid`), the connection ends (`refused`): trying again would be refused again, forever.
   */
  joined: () => Promise<void>;
  state: (state: ConnectionState) => void;
  /** While the device has no network no attempt is spent, and its return cuts the backoff short. The browser's by default. */
  network?: Network;
  /** Runs `action` after `ms` unless its owner has stopped by then; `setTimeout` by default. */
  later?: (ms: number, action: () => void) => void;
}

/**
 * A hub connection kept up for as long as it runs. SignalR reconnects it first, with backoff and jitter; when the first
 * start fails, or SignalR gives up, this starts it again, at the same pace, until it is up or stopped. After every
 * start and reconnect the owner's `joined` runs, and the connection is reported connected once it has.
 */
export class LiveConnection {
  readonly hub: HubConnection;
  state: ConnectionState = "connecting";
  private readonly network: Network;
  private readonly later: (ms: number, action: () => void) => void;
  private connecting = false;
  /** Stopped by its owner: nothing more goes. */
  private stopped = false;
  /** Ended by the server's word (`end`): no reconnect, but sends still go over REST. */
  private ended = false;
  private unwatchNetwork: () => void = () => undefined;

  constructor(url: string, token: () => string | Promise<string>, private readonly options: LiveConnectionOptions) {
    this.network = options.network ?? deviceNetwork;
    this.later = options.later ?? ((ms, action) => void setTimeout(action, ms));
    this.hub = new HubConnectionBuilder()
      .withUrl(url, { accessTokenFactory: token, withCredentials: false })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => reconnectDelay(retry.previousRetryCount) })
      .configureLogging(LogLevel.None)
      .build();
    this.hub.onreconnecting(() => this.setState(this.network.online ? "reconnecting" : "offline"));
    this.hub.onreconnected(() => void this.join().catch((error: unknown) => isRefusedByServer(error) ? this.end("refused") : this.hub.stop()));
    this.hub.onclose(() => void this.connect());
  }

  /** Whether calls can go now. */
  get connected(): boolean {
    return this.hub.state === HubConnectionState.Connected;
  }

  /** Not stopped by its owner, and online: a send is worth trying (over REST once the connection ended). */
  get active(): boolean {
    return !this.stopped && this.network.online;
  }

  /** Connects; settles once connected or stopped. `online`: what else the owner does when the network comes back. */
  start(online: () => void = () => undefined): Promise<void> {
    this.unwatchNetwork = this.network.watch((isOnline) => {
      if (!isOnline) return this.setState("offline");
      this.onOnline();
      online();
    });
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatchNetwork();
    await this.hub.stop();
  }

  /** The network is back: no need to wait out the backoff. The connection may also have survived a short outage. */
  private onOnline(): void {
    if (this.hub.state === HubConnectionState.Connected) this.setState("connected");
    else if (this.hub.state === HubConnectionState.Disconnected) void this.connect();
    else this.setState("reconnecting");
  }

  private async connect(): Promise<void> {
    if (this.connecting) return;
    this.connecting = true;
    try {
      for (let attempt = 0; !this.stopped && !this.ended && this.hub.state === HubConnectionState.Disconnected; attempt++) {
        this.setState(this.network.online ? (attempt === 0 ? "connecting" : "reconnecting") : "offline");
        try {
          await this.hub.start();
          await this.join();
          return;
        } catch (error) {
          if (isRefusedByServer(error)) return await this.end("refused");
          if (this.hub.state !== HubConnectionState.Disconnected) await this.hub.stop();
          await new Promise((resolve) => this.later(reconnectDelay(attempt), () => resolve(undefined)));
        }
      }
    } finally {
      this.connecting = false;
    }
  }

  private async join(): Promise<void> {
    await this.options.joined();
    this.setState("connected");
  }

  /**
   * The server is done with this connection's purpose for good (`refused`, `left`): stop, and no longer reconnect.
   * Sends still go, over REST, so that what waits in the outbox gets the server's own answer instead of waiting forever.
   */
  async end(state: "refused" | "left"): Promise<void> {
    if (this.stopped || this.ended) return;
    this.ended = true;
    this.unwatchNetwork();
    // Stopped before the owner hears of it, so that what it sends then goes over REST.
    await this.hub.stop();
    if (this.stopped) return;
    this.state = state;
    this.options.state(state);
  }

  /**
   * The server says the owner's purpose is over (a user out of the room): `check`, a call that never joins, confirms it
   * before the connection ends `left`, since the word may be older than the server's answer now (a removal whose write
   * failed is undone). Without an answer the connection is made again, and its `joined` tells.
   */
  async confirmEnd(check: () => Promise<void>): Promise<void> {
    try {
      await check();
    } catch (error) {
      if (isRefusedByServer(error)) await this.end("left");
      else await this.hub.stop();
    }
  }

  private setState(state: ConnectionState): void {
    if (this.stopped || this.ended || state === this.state) return;
    this.state = state;
    this.options.state(state);
  }
}
