import { isDue, userOfToken, type Credentials } from "./credentials.js";
import type { User } from "../protocol.js";

/**
 * Tokens the host application issues (its own sign-in, its server signing for the chat): `issue` is asked for a
 * fresh one whenever the held one is due (in its last third), so a connection that closes with its token comes back
 * with a new one. Concurrent askers share one call.
 */
export class HookCredentials implements Credentials {
  private issuing: Promise<string> | null = null;

  private constructor(private accessToken: string, readonly user: User, private readonly issue: () => Promise<string>) {}

  /** Asks the hook for the first token; the user is the one it names. */
  static async open(issue: () => Promise<string>): Promise<HookCredentials> {
    const first = await issue();
    return new HookCredentials(first, userOfToken(first), issue);
  }

  token(): Promise<string> {
    if (!isDue(this.accessToken)) return Promise.resolve(this.accessToken);
    this.issuing ??= this.issue()
      .then((token) => {
        if (userOfToken(token).userId !== this.user.userId) throw new Error("The token hook returned another user's token.");
        return (this.accessToken = token);
      })
      .finally(() => (this.issuing = null));
    return this.issuing;
  }

  stop(): void {
    // Nothing runs in the background: the hook is asked when a token is needed and due.
  }
}
