/**
 * Who else is typing in the room. Typing events are lossy: each name goes away when its "stopped" arrives, when
 * that person's message arrives, or by itself a while after the last "typing".
 */
export class TypingBoard {
  private readonly typing = new Map<string, { name: string; until: number }>();

  constructor(
    private readonly changed: (names: string[]) => void,
    private readonly later: (ms: number, action: () => void) => void,
    private readonly shownMs: number,
  ) {}

  typingChanged(userId: string, name: string, isTyping: boolean): void {
    if (isTyping) {
      this.typing.set(userId, { name, until: Date.now() + this.shownMs });
      this.later(this.shownMs + 50, () => this.publish());
    } else {
      this.typing.delete(userId);
    }
    this.publish();
  }

  /** Their message is in: they are no longer typing it. */
  sent(userId: string): void {
    if (this.typing.delete(userId)) this.publish();
  }

  private publish(): void {
    const now = Date.now();
    for (const [userId, entry] of this.typing) if (entry.until <= now) this.typing.delete(userId);
    this.changed([...this.typing.values()].map((entry) => entry.name));
  }
}
