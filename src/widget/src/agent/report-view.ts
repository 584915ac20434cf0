import type { ChatApi } from "@orleanschat/client";
import { h } from "../dom";
import { formatDate } from "../i18n/translator";
import type { SupportDurations, SupportReport, SupportReportRow } from "@orleanschat/client";
import { t } from "./i18n/text";

/** The desk's report over a period (the last 30 days unless the agent picks dates): the site, then each agent. */
export class ReportView {
  readonly element: HTMLElement;
  private readonly from = h("input", { type: "date", class: "report-from", "aria-label": t("reports.from") });
  private readonly to = h("input", { type: "date", class: "report-to", "aria-label": t("reports.to") });
  private readonly table = h("table", { class: "report" });

  constructor(private readonly api: ChatApi, private readonly siteId: string, private readonly failed: (error: unknown) => void) {
    const form = h("form", { class: "report-range" }, `${t("reports.from")} `, this.from, ` ${t("reports.until")} `, this.to, h("button", { type: "submit" }, t("reports.submit")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.load();
    });
    this.element = h("section", { class: "reports", hidden: true }, h("h2", {}, t("reports.heading")), form, this.table);
  }

  async toggle(): Promise<void> {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) await this.load();
  }

  private async load(): Promise<void> {
    // A date picked is a whole day: "to" includes it.
    const from = this.from.value ? new Date(`${this.from.value}T00:00:00`).toISOString() : undefined;
    const to = this.to.value ? new Date(new Date(`${this.to.value}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
    try {
      this.show(await this.api.report(this.siteId, from, to));
    } catch (error) {
      this.failed(error);
    }
  }

  private show(report: SupportReport): void {
    const row = (name: string, r: SupportReportRow) => h("tr", { "data-agent-id": r.agentId ?? "" },
      h("th", { scope: "row" }, name), h("td", { class: "count" }, String(r.conversations)),
      h("td", {}, spread(r.firstResponse)), h("td", {}, spread(r.resolution)),
      h("td", { class: "rating" }, r.ratingAverage != null ? `${r.ratingAverage.toFixed(1)} (${r.ratings})` : "–"));
    this.table.replaceChildren(
      h("caption", {}, t("reports.caption", { from: formatDate(report.from, { dateStyle: "medium" }), to: formatDate(report.to, { dateStyle: "medium" }) })),
      h("tr", {}, ...["", t("reports.conversations"), t("reports.firstResponse"), t("reports.resolution"), t("reports.rating")].map((heading) => h("th", { scope: "col" }, heading))),
      row(t("reports.site"), report.site), ...report.agents.map((a) => row(a.agentId ?? "", a)));
  }
}

function spread(d: SupportDurations): string {
  return d.medianSeconds == null ? "–" : `${duration(d.medianSeconds)} / ${duration(d.p90Seconds ?? d.medianSeconds)}`;
}

function duration(seconds: number): string {
  if (seconds < 60) return t("since.seconds", { count: Math.round(seconds) });
  if (seconds < 3600) return t("since.minutes", { count: Math.round(seconds / 60) });
  return t("since.hours", { count: Number((seconds / 3600).toFixed(1)) });
}
