import type { ChatApi } from "@orleanschat/client";
import { h } from "../dom";

/**
 * The agent's alert address, in the console's header: where they hear of a conversation waiting while no agent is
 * online. Empty removes it.
 */
export class AlertEmail {
  readonly element: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly saved: HTMLSpanElement;

  constructor(private readonly api: ChatApi, private readonly siteId: string) {
    this.input = h("input", { type: "email", maxlength: "254", placeholder: "Alert me at…", "aria-label": "Alert e-mail address" });
    this.saved = h("span", { class: "alert-saved", role: "status" });
    const save = h("button", { type: "submit" }, "Save");
    this.element = h("form", { class: "alert-email" }, this.input, save, this.saved);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      const email = this.input.value.trim();
      this.api.setAlertEmail(this.siteId, email === "" ? null : email)
        .then(() => this.saved.textContent = email === "" ? "No alerts" : "Saved")
        .catch(() => this.saved.textContent = "Not saved: check the address");
    });
  }

  /** Shows the address kept for the agent; a failure leaves the field empty for them to fill. */
  async load(): Promise<void> {
    this.input.value = await this.api.alertEmail(this.siteId).catch(() => null) ?? "";
  }
}
