import type { ChatApi } from "@orleanschat/client";
import { h } from "../dom";
import { t } from "./i18n/text";

/**
 * The agent's alert address, in the console's header: where they hear of a conversation waiting while no agent is
 * online. Empty removes it.
 */
export class AlertEmail {
  readonly element: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly saved: HTMLSpanElement;

  constructor(private readonly api: ChatApi, private readonly siteId: string) {
    this.input = h("input", { type: "email", maxlength: "254", placeholder: t("alert.placeholder"), "aria-label": t("alert.label") });
    this.saved = h("span", { class: "alert-saved", role: "status" });
    const save = h("button", { type: "submit" }, t("alert.save"));
    this.element = h("form", { class: "alert-email" }, this.input, save, this.saved);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      const email = this.input.value.trim();
      this.api.setAlertEmail(this.siteId, email === "" ? null : email)
        .then(() => this.saved.textContent = email === "" ? t("alert.none") : t("alert.saved"))
        .catch(() => this.saved.textContent = t("alert.failed"));
    });
  }

  /** Shows the address kept for the agent; a failure leaves the field empty for them to fill. */
  async load(): Promise<void> {
    this.input.value = await this.api.alertEmail(this.siteId).catch(() => null) ?? "";
  }
}
