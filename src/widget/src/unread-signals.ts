import type { ChatMessage } from "@orleanschat/client";
import { t } from "./i18n/text";

const titleFlashMs = 1000;

export interface UnreadSignalOptions {
  /** The chat's title: what a notification is headed with. */
  title: string;
  /** A short beep for each message that arrives while the visitor is not looking. */
  sound: boolean;
  /** Browser notifications, where the visitor allows them; asked for on their first use of the widget. */
  notifications: boolean;
}

/**
 * Tells a visitor who is not looking (tab in the background or the panel closed) that messages came: the page's
 * title flashes their count until they have seen them, and, where wanted, a beep and a browser notification.
 */
export class UnreadSignals {
  private pageTitle: string | null = null;
  private flashing: ReturnType<typeof setInterval> | null = null;
  private count = 0;
  private audio: AudioContext | null = null;

  constructor(private readonly options: UnreadSignalOptions, private readonly show: () => void) {}

  /** Messages from others arrived live while the visitor was not looking: flash the title, beep, notify. */
  arrived(messages: readonly ChatMessage[], unseen: number): void {
    if (messages.length === 0) return;
    this.count = unseen;
    if (unseen > 0 && this.flashing === null) this.startFlashing();
    if (this.options.sound) this.beep();
    if (this.options.notifications && document.visibilityState !== "visible") this.notify(messages[messages.length - 1]);
  }

  /** The count of messages not seen changed; at 0 (all seen) the page's title comes back. */
  unseenChanged(unseen: number): void {
    this.count = unseen;
    if (unseen === 0) this.stopFlashing();
  }

  /** A gesture of the visitor's in the widget: the moment to ask for notifications, never unprompted on load. */
  askPermission(): void {
    if (!this.options.notifications || typeof Notification === "undefined" || Notification.permission !== "default") return;
    void Notification.requestPermission().catch(() => undefined);
  }

  stop(): void {
    this.stopFlashing();
    void this.audio?.close().catch(() => undefined);
  }

  private startFlashing(): void {
    this.pageTitle = document.title;
    let alternate = false;
    const flash = () => {
      const words = alternate ? t("unread.title", { count: this.count }) : this.pageTitle;
      document.title = `(${this.count > 99 ? "99+" : this.count}) ${words}`;
      alternate = !alternate;
    };
    flash();
    this.flashing = setInterval(flash, titleFlashMs);
  }

  private stopFlashing(): void {
    if (this.flashing === null) return;
    clearInterval(this.flashing);
    this.flashing = null;
    if (this.pageTitle !== null) document.title = this.pageTitle;
    this.pageTitle = null;
  }

  /** A short soft tone made on the spot: no sound file to load. Browsers mute it until the visitor has interacted. */
  private beep(): void {
    try {
      this.audio ??= new AudioContext();
      const at = this.audio.currentTime;
      const tone = this.audio.createOscillator();
      const volume = this.audio.createGain();
      tone.frequency.value = 880;
      volume.gain.setValueAtTime(0.0001, at);
      volume.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
      tone.connect(volume).connect(this.audio.destination);
      tone.start(at);
      tone.stop(at + 0.3);
    } catch {
      // No audio on this device or page: the title and the badge still tell.
    }
  }

  private notify(message: ChatMessage): void {
    if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
    const body = [message.text, ...(message.attachments?.map((a) => a.fileName) ?? [])].filter(Boolean).join(" ");
    const notification = new Notification(this.options.title, { body: `${message.senderName}: ${body}`, tag: `orleanschat:${message.roomId}` });
    notification.addEventListener("click", () => {
      window.focus();
      this.show();
      notification.close();
    });
  }
}
