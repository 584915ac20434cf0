import { ApiError } from "@orleanschat/client";
import { tokenClaims } from "@orleanschat/client";

/** A signed-in agent: their token, and the site whose desk they work (the token's `site` claim). */
export interface AgentSession {
  token: string;
  siteId: string;
  userId: string;
  displayName: string;
}

/** What the server offers (`GET /api/auth/options`): development login, and an OpenID provider to sign in with. */
export interface SignInOptions {
  devLogin: boolean;
  oidc: { displayName: string; signInUrl: string } | null;
}

const storageKey = "orleanschat:agent:token";
/** Set while the token came from the OpenID provider's session, which signing out ends too. */
const oidcKey = "orleanschat:agent:oidc";

/**
 * The agent's token, kept for this tab only: from `/agent#token=...` (a host application signs its agents in
 * itself), or from an earlier sign-in on this page (the OpenID provider, or by name where development login is on).
 */
export function keptSession(): AgentSession | null {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromLink) {
    // Out of the address bar and history, where it could be copied from.
    history.replaceState(null, "", location.pathname + location.search);
    sessionStorage.setItem(storageKey, fromLink);
    sessionStorage.removeItem(oidcKey);
  }
  const token = sessionStorage.getItem(storageKey);
  const session = token ? sessionOf(token) : null;
  if (!session) sessionStorage.removeItem(storageKey);
  return session;
}

/** Signs in through `POST /api/auth/token` as an agent of the site. */
export async function devSignIn(baseUrl: string, siteId: string, userId: string, displayName: string): Promise<AgentSession> {
  const response = await fetch(`${baseUrl}/api/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId, displayName, role: "agent", siteId }),
  });
  if (response.status === 404) {
    throw new ApiError(404, "Sign-in by name is off on this server: open /agent#token=... with an agent token from your application.");
  }
  if (!response.ok) throw new ApiError(response.status, await problemText(response));
  const token = ((await response.json()) as { accessToken: string }).accessToken;
  const session = sessionOf(token);
  if (!session) throw new ApiError(400, "The server's token does not name a site.");
  keepToken(token);
  sessionStorage.removeItem(oidcKey);
  return session;
}

const endedKey = "orleanschat:agent:ended";

/** The sign-in ran out: forgets it, and says so on the page the agent signs in again from. */
export async function endSignIn(baseUrl: string): Promise<void> {
  await signOut(baseUrl);
  sessionStorage.setItem(endedKey, "1");
}

/** Whether the last sign-in ran out (told once). */
export function takeSignInEnded(): boolean {
  const ended = sessionStorage.getItem(endedKey) !== null;
  sessionStorage.removeItem(endedKey);
  return ended;
}

/** A renewed token, for a reload of this tab. */
export function keepToken(token: string): void {
  sessionStorage.setItem(storageKey, token);
}

/** Null when the server cannot say (an older one): the page then offers what it always did. */
export async function signInOptions(baseUrl: string): Promise<SignInOptions | null> {
  try {
    const response = await fetch(`${baseUrl}/api/auth/options`);
    return response.ok ? ((await response.json()) as SignInOptions) : null;
  } catch {
    return null;
  }
}

/**
 * Back from the OpenID provider, the server holds a session (a cookie): `POST /api/auth/oidc/token` turns it into
 * our token. Null when there is no session yet.
 */
export async function oidcSignIn(baseUrl: string): Promise<AgentSession | null> {
  const response = await fetch(`${baseUrl}/api/auth/oidc/token`, { method: "POST" });
  if (response.status === 401) return null;
  if (!response.ok) throw new ApiError(response.status, await problemText(response));
  const { accessToken, user } = (await response.json()) as { accessToken: string; user: { displayName: string } };
  const session = sessionOf(accessToken);
  if (!session) throw new ApiError(403, `${user.displayName} is signed in, but is not an agent of a site: ask for the agent role and a site.`);
  keepToken(accessToken);
  sessionStorage.setItem(oidcKey, "1");
  return session;
}

/** Forgets the token, and ends the provider's session here when the token came from it. */
export async function signOut(baseUrl: string): Promise<void> {
  const viaOidc = sessionStorage.getItem(oidcKey) !== null;
  sessionStorage.removeItem(storageKey);
  sessionStorage.removeItem(oidcKey);
  if (viaOidc) await fetch(`${baseUrl}/api/auth/oidc/signout`, { method: "POST" }).catch(() => undefined);
}

async function problemText(response: Response): Promise<string> {
  const problem = (await response.json().catch(() => ({}))) as { detail?: string; errors?: Record<string, string[]> };
  return Object.values(problem.errors ?? {}).flat().join(" ") || problem.detail || response.statusText;
}

/** The session a token describes, or null when it is not an unexpired agent token of a site. */
function sessionOf(token: string): AgentSession | null {
  try {
    const claims = tokenClaims(token) as Record<string, string | number | undefined>;
    const expired = typeof claims.exp === "number" && claims.exp * 1000 < Date.now();
    const isAgent = claims.role === "agent" || claims.role === "admin";
    if (expired || !isAgent || typeof claims.site !== "string" || typeof claims.sub !== "string") return null;
    return { token, siteId: claims.site, userId: claims.sub, displayName: String(claims.name ?? claims.sub) };
  } catch {
    return null;
  }
}
