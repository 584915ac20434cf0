import type { SupportAvailability } from "@orleanschat/client";
import { h } from "../dom";
import { t } from "../i18n/text";
import { formatDate } from "../i18n/translator";

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
    this.email = h("input", { type: "email", name: "email", required: true, maxlength: "254", placeholder: t("offline.emailPlaceholder"), "aria-label": t("offline.email") });
    this.transcript = h("input", { type: "checkbox", name: "transcript" });
    const save = h("button", { type: "submit" }, t("offline.save"));
    this.form = h("form", { class: "offline-form" }, this.email,
      h("label", { class: "offline-transcript" }, this.transcript, t("offline.transcript")), save);
    this.note = h("p", { class: "offline-note", role: "status" });
    this.element = h("div", { class: "offline", hidden: true }, this.text, this.form, this.note);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      save.disabled = true;
      leave(this.email.value.trim(), this.transcript.checked)
        .then(() => this.note.textContent = t("offline.saved", { email: this.email.value.trim() }))
        .catch(() => this.note.textContent = t("offline.saveFailed"))
        .finally(() => save.disabled = false);
    });
  }

  show(availability: SupportAvailability): void {
    this.element.hidden = availability.available;
    if (availability.available) return;
    this.text.textContent = availability.backAt
      ? t("offline.awayUntil", { when: backAt(new Date(availability.backAt)) })
      : availability.withinHours ? t("offline.noOne") : t("offline.away");
    this.form.hidden = !availability.emailCapture;
    if (availability.emailCapture) this.text.textContent += ` ${t("offline.leaveEmail")}`;
  }
}

/** The opening time as the visitor reads times: their locale, their zone; the day is named when it is not today. */
function backAt(date: Date): string {
  const time = formatDate(date, { hour: "numeric", minute: "2-digit" });
  if (date.toDateString() === new Date().toDateString()) return t("offline.today", { time });
  return t("offline.onDay", { day: formatDate(date, { weekday: "long", month: "long", day: "numeric" }), time });
}
