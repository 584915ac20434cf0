import type { SupportState } from "@orleanschat/client";
import type { RatingForm } from "./rating-form";
import { h } from "../dom";
import { t } from "../i18n/text";

/** The line above a visitor's conversation that says who answers now, and offers a person while the bot does. */
export class SupportBar {
  readonly element: HTMLElement;
  private readonly text: HTMLSpanElement;
  private readonly human: HTMLButtonElement;
  private rating: RatingForm | null = null;

  constructor(handOff: () => void) {
    this.text = h("span", { class: "support-text" });
    this.human = h("button", { class: "human", type: "button" }, t("support.human"));
    this.human.addEventListener("click", handOff);
    this.element = h("div", { class: "support", role: "status", hidden: true }, this.text, this.human);
  }

  /** `agentName`: the assigned agent's name, once the roster knows it. */
  show(state: SupportState, agentName: string | null): void {
    this.element.hidden = false;
    this.element.dataset.status = state.status;
    this.text.textContent = describe(state, agentName);
    this.human.hidden = state.status !== "bot" && state.status !== "resolved";
    this.rating?.show(state.status === "resolved");
  }

  /** Asks for the visitor's rating below the line while the conversation is resolved. */
  offerRating(rating: RatingForm): void {
    this.rating = rating;
    this.element.append(rating.element);
  }

  /** Asking for a person failed (offline, server down): say so, and leave the button for another try. */
  failed(): void {
    this.text.textContent = t("support.unreachable");
    this.human.hidden = false;
  }
}

function describe(state: SupportState, agentName: string | null): string {
  switch (state.status) {
    case "bot":
      return t("support.bot");
    case "waiting":
      return state.position === 1 ? t("support.next")
        : state.position ? t("support.position", { position: state.position })
        : t("support.waiting");
    case "assigned":
      return t("support.joined", { name: agentName ?? t("support.someone") });
    case "resolved":
      return t("support.resolved");
  }
}
