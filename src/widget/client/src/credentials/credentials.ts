import { ChatApi } from "../api.js";
import { ApiError } from "../errors.js";
import type { KeyValueStore } from "../outbox/outbox.js";
import type { User, VisitorSession } from "../protocol.js";

/** Who the widget speaks as, and the token to prove it, renewed when it runs out. */
export interface Credentials {
  readonly user: User;
  token(): Promise<string>;
  /** Stops renewing in the background, when the widget goes. */
  stop(): void;
}

export interface VisitorIdentity {
  displayName?: string;
  userId?: string;
  /** hex HMAC-SHA256(site secret, `${siteId}\n${userId}\n${userHashExpires}`), signed by the site's server. */
  userHash?: string;
  /** When `userHash` stops vouching, in Unix seconds (at most a day ahead). */
  userHashExpires?: number;
}

/** When a token should be renewed (ms since the epoch): in its last third, or its last minute if that comes first. */
export function renewalDueAt(token: string): number {
  try {
    const { exp, iat } = tokenClaims(token) as unknown as { exp?: number; iat?: number };
    if (typeof exp !== "number") return Number.POSITIVE_INFINITY;
    const margin = typeof iat === "number" ? Math.min(60_000, ((exp - iat) * 1000) / 3) : 60_000;
    return exp * 1000 - margin;
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
}

/** Whether a token should be renewed now. */
export function isDue(token: string, now = Date.now()): boolean {
  return now > renewalDueAt(token);
}

/**
 * Support mode: a visitor session of a site, kept in storage so that a reload (or a server restart) resumes the
 * same visitor, token and room. A new identity (`setUser`) opens a new session.
 */
export class VisitorCredentials implements Credentials {
  private constructor(
    private session: VisitorSession,
    private readonly baseUrl: string,
    private readonly siteId: string,
    private readonly identity: VisitorIdentity,
    private readonly store: KeyValueStore,
  ) {}

  static async open(baseUrl: string, siteId: string, identity: VisitorIdentity, store: KeyValueStore): Promise<VisitorCredentials> {
    const key = VisitorCredentials.key(siteId);
    const kept = VisitorCredentials.read(store, key);
    const sameIdentity = kept !== null && (identity.userId === undefined
      ? kept.visitorId.startsWith("v-")
      : kept.visitorId === `u-${identity.userId}`);
    const fresh = kept !== null && sameIdentity && !isDue(kept.accessToken)
      && (identity.displayName === undefined || identity.displayName === kept.user.displayName);
    const credentials = new VisitorCredentials(kept ?? ({} as VisitorSession), baseUrl, siteId, identity, store);
    if (!fresh) await credentials.renew(sameIdentity ? kept?.visitorId : undefined);
    return credentials;
  }

  get user(): User {
    return this.session.user;
  }

  get roomId(): string {
    return this.session.roomId;
  }

  stop(): void {
    // Nothing runs in the background: a visitor's session is opened again whenever its token is due.
  }

  async token(): Promise<string> {
    if (isDue(this.session.accessToken)) await this.renew(this.session.visitorId);
    return this.session.accessToken;
  }

  private async renew(visitorId: string | undefined): Promise<void> {
    this.session = await ChatApi.openSession(this.baseUrl, {
      siteId: this.siteId,
      visitorId: this.identity.userId === undefined ? visitorId : undefined,
      ...this.identity,
    });
    try {
      this.store.setItem(VisitorCredentials.key(this.siteId), JSON.stringify(this.session));
    } catch {
      // Storage blocked: the session lasts as long as the page.
    }
  }

  private static key(siteId: string): string {
    return `orleanschat:${siteId}:session`;
  }

  private static read(store: KeyValueStore, key: string): VisitorSession | null {
    try {
      const session = JSON.parse(store.getItem(key) ?? "null") as VisitorSession | null;
      return typeof session?.accessToken === "string" && typeof session.visitorId === "string" && typeof session.roomId === "string"
        ? session
        : null;
    } catch {
      return null;
    }
  }
}

/**
 * Room mode and the agent console: a token the host application (or a sign-in) issued, renewed through
 * `POST /api/auth/refresh` as it nears its end. A token the server will not renew (another issuer's) is used
 * until it ends; the host then gives a new one (`setUser({ token })`).
 */
export class TokenCredentials implements Credentials {
  readonly user: User;
  private renewing: Promise<string> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  /** `onEnded`: the server will not renew this sign-in any more (it has lasted its time, or the token ended unrenewed). */
  constructor(
    private accessToken: string,
    private readonly baseUrl: string,
    private readonly onRenewed?: (token: string) => void,
    private readonly onEnded?: () => void,
  ) {
    this.user = userOfToken(accessToken);
    this.schedule();
  }

  token(): Promise<string> {
    if (!isDue(this.accessToken)) return Promise.resolve(this.accessToken);
    // Not renewed (another issuer's token, or the server out of reach): it serves while it lasts.
    return this.renew().catch((failure: unknown) => {
      if (hasEnded(this.accessToken)) throw failure;
      return this.accessToken;
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private renew(): Promise<string> {
    this.renewing ??= ChatApi.renewToken(this.baseUrl, this.accessToken)
      .then(({ accessToken }) => {
        this.accessToken = accessToken;
        this.onRenewed?.(accessToken);
        this.schedule();
        return accessToken;
      }, (failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 401) this.onEnded?.();
        throw failure;
      })
      .finally(() => (this.renewing = null));
    return this.renewing;
  }

  /**
   * Renews when due even while nothing asks for the token: a hub connection asks only when it (re)connects, and by
   * then an unrenewed token would have ended. A failure is retried shortly, unless the server will never renew it.
   */
  private schedule(delayMs = renewalDueAt(this.accessToken) - Date.now()): void {
    clearTimeout(this.timer);
    if (this.stopped || !Number.isFinite(delayMs)) return;
    this.timer = setTimeout(() => void this.renew().catch((failure: unknown) => {
      const never = failure instanceof ApiError && failure.status === 403;
      if (!never && !hasEnded(this.accessToken)) this.schedule(5_000);
    }), Math.max(0, delayMs));
  }
}

/** The user a token names (its `sub`, `name` and `role` claims); the server checks the signature. */
export function userOfToken(token: string): User {
  const claims = tokenClaims(token);
  return { userId: claims.sub, displayName: claims.name ?? claims.sub, role: (claims.role ?? "member") as User["role"] };
}

function hasEnded(token: string): boolean {
  const { exp } = tokenClaims(token) as unknown as { exp?: number };
  return typeof exp === "number" && exp * 1000 <= Date.now();
}

/** A JWT's claims, read without checking the signature (the server does); throws when it is not a JWT. */
export function tokenClaims(token: string): Record<string, string> {
  const payload = token.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(decodeURIComponent(Array.from(json, (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""))) as
    Record<string, string>;
}
