import { TypingThrottle } from "./typing-throttle.js";

/** The user's own typing, told to the room through `tell` as the throttle says (see `TypingThrottle`). */
export class OwnTyping {
  private readonly throttle = new TypingThrottle();

  constructor(private readonly tell: (isTyping: boolean) => void, private readonly later: (ms: number, action: () => void) => void) {}

  /** A keystroke in the composer: tells the room, throttled, and that typing stopped once the user pauses. */
  typed(): void {
    if (this.throttle.input(Date.now())) this.tell(true);
    this.later(this.throttle.idleAfterMs + 50, () => {
      if (this.throttle.idle(Date.now())) this.tell(false);
    });
  }

  /** The message went (or the draft was cleared). */
  stop(): void {
    if (this.throttle.stop()) this.tell(false);
  }
}
