import { h } from "./dom";
import type { SupportAvailability } from "@orleanschat/client";

/**
 * Shown to a visitor when no person can answer: when the team is back (in the visitor's own language and time
 * zone), and a form for the address to be answered at, with the transcript on request.
 */
export class OfflinePanel {
  readonly element: HTMLElement;
  private readonly text: HTMLParagraphElement;
  private readonly form: HTMLFormElement;
  private readonly email: HTMLInputElement;
  private readonly transcript: HTMLInputElement;
  private readonly note: HTMLParagraphElement;

  constructor(leave: (email: string, transcript: boolean) => Promise<void>) {
    this.text = h("p", { class: "offline-text" });
    this.email = h("input", { type: "email", name: "email", required: true, maxlength: "254", placeholder: "you@example.com", "aria-label": "Your e-mail address" });
    this.transcript = h("input", { type: "checkbox", name: "transcript" });
    const save = h("button", { type: "submit" }, "Answer me by e-mail");
    this.form = h("form", { class: "offline-form" }, this.email,
      h("label", { class: "offline-transcript" }, this.transcript, "Send me the transcript when we are done"), save);
    this.note = h("p", { class: "offline-note", role: "status" });
    this.element = h("div", { class: "offline", hidden: true }, this.text, this.form, this.note);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      save.disabled = true;
      leave(this.email.value.trim(), this.transcript.checked)
        .then(() => this.note.textContent = `We will answer you at ${this.email.value.trim()}.`)
        .catch(() => this.note.textContent = "We could not save your address. Please check it and try again.")
        .finally(() => save.disabled = false);
    });
  }

  show(availability: SupportAvailability): void {
    this.element.hidden = availability.available;
    if (availability.available) return;
    this.text.textContent = availability.backAt
      ? `Our team is away. We are back ${backAt(new Date(availability.backAt))}.`
      : availability.withinHours ? "No one from our team is online right now." : "Our team is away.";
    this.form.hidden = !availability.emailCapture;
    if (availability.emailCapture) this.text.textContent += " Leave your e-mail address and we will answer you there.";
  }
}

/** The opening time as the visitor reads times: their locale, their zone; the day is named when it is not today. */
function backAt(date: Date): string {
  const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" }).format(date);
  if (date.toDateString() === new Date().toDateString()) return `today at ${time}`;
  const day = new Intl.DateTimeFormat(undefined, { weekday: "long", month: "long", day: "numeric" }).format(date);
  return `on ${day} at ${time}`;
}
