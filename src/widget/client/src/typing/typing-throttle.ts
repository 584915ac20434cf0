/**
 * When to tell the room that this user types: `true` on the first keystroke and again every `repeatMs` while
 * typing continues (the server forgets typing about 5 s after the last `true`), `false` once, when the user
 * stops (idle for `idleMs`, or sent the message).
 */
export class TypingThrottle {
  private lastSentAt: number | null = null;
  private lastInputAt = 0;

  constructor(private readonly repeatMs = 3000, private readonly idleMs = 4000) {}

  /** A keystroke at `now`: whether to send `true`. */
  input(now: number): boolean {
    this.lastInputAt = now;
    if (this.lastSentAt !== null && now - this.lastSentAt < this.repeatMs) return false;
    this.lastSentAt = now;
    return true;
  }

  /** Checked at `now` (a timer): whether the user went idle and `false` should be sent. */
  idle(now: number): boolean {
    if (this.lastSentAt === null || now - this.lastInputAt < this.idleMs) return false;
    this.lastSentAt = null;
    return true;
  }

  /** The message was sent (or the draft cleared): whether to send `false`. */
  stop(): boolean {
    const wasTyping = this.lastSentAt !== null;
    this.lastSentAt = null;
    return wasTyping;
  }

  /** Milliseconds after the last keystroke at which `idle` turns true. */
  get idleAfterMs(): number {
    return this.idleMs;
  }
}
