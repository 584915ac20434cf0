import { h } from "./dom";
import type { RatingForm } from "./rating-form";
import type { SupportState } from "@orleanschat/client";

/** The line above a visitor's conversation that says who answers now, and offers a person while the bot does. */
export class SupportBar {
  readonly element: HTMLElement;
  private readonly text: HTMLSpanElement;
  private readonly human: HTMLButtonElement;
  private rating: RatingForm | null = null;

  constructor(handOff: () => void) {
    this.text = h("span", { class: "support-text" });
    this.human = h("button", { class: "human", type: "button" }, "Talk to a human");
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
    this.text.textContent = "We could not reach our team just now. Please try again.";
    this.human.hidden = false;
  }
}

function describe(state: SupportState, agentName: string | null): string {
  switch (state.status) {
    case "bot":
      return "Our assistant answers first.";
    case "waiting":
      return state.position === 1 ? "Waiting for a person: you are next."
        : state.position ? `Waiting for a person: you are number ${state.position} in line.`
        : "Waiting for a person to join.";
    case "assigned":
      return `${agentName ?? "A person from our team"} joined the chat.`;
    case "resolved":
      return "This conversation is resolved. Write again any time.";
  }
}
