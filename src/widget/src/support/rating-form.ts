import { ApiError } from "@orleanschat/client";
import { h } from "../dom";
import { t } from "../i18n/text";

/** Where the widget remembers that a conversation was rated, so that it does not ask again after a reload. */
const ratedKey = (conversationId: string) => `orleanschat:rated:${conversationId}`;

/**
 * After resolution, the visitor's 1-5 rating with an optional comment; given once (the server refuses a second).
 */
export class RatingForm {
  readonly element: HTMLFormElement;
  private readonly comment = h("input", { type: "text", class: "rating-comment", maxlength: "1000", placeholder: t("rating.commentPlaceholder"), "aria-label": t("rating.comment") });
  private readonly message = h("span", { class: "rating-message", role: "status" });
  private score = 0;

  constructor(private readonly conversationId: string, private readonly rate: (score: number, comment: string | null) => Promise<void>) {
    const stars = [1, 2, 3, 4, 5].map((score) => {
      const star = h("button", { type: "button", class: "star", "data-score": String(score), "aria-label": t("rating.star", { count: score }) }, "★");
      star.addEventListener("click", () => this.choose(score, stars));
      return star;
    });
    this.element = h("form", { class: "rating", hidden: true },
      h("span", { class: "rating-question" }, t("rating.question")), ...stars, this.comment,
      h("button", { type: "submit", class: "rating-send" }, t("rating.send")), this.message);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send();
    });
  }

  /** Offered while the conversation is resolved and not rated from this browser. */
  show(resolved: boolean): void {
    this.element.hidden = !resolved || localStorage.getItem(ratedKey(this.conversationId)) !== null;
  }

  private choose(score: number, stars: HTMLButtonElement[]): void {
    this.score = score;
    for (const star of stars) star.setAttribute("aria-pressed", String(Number(star.dataset.score) <= score));
  }

  private async send(): Promise<void> {
    if (this.score === 0) {
      this.message.textContent = t("rating.pick");
      return;
    }
    try {
      await this.rate(this.score, this.comment.value.trim() || null);
      this.done(t("rating.thanks"));
    } catch (error) {
      // Rated already (another tab): nothing more to ask.
      if (error instanceof ApiError && error.status === 409) this.done(t("rating.already"));
      else this.message.textContent = t("rating.failed");
    }
  }

  private done(text: string): void {
    localStorage.setItem(ratedKey(this.conversationId), "1");
    this.element.replaceChildren(h("span", { class: "rating-message" }, text));
  }
}
