import type { ChatApi } from "@orleanschat/client";
import { h } from "../dom";
import type { SupportDurations, SupportReport, SupportReportRow } from "@orleanschat/client";

/** The desk's report over a period (the last 30 days unless the agent picks dates): the site, then each agent. */
export class ReportView {
  readonly element: HTMLElement;
  private readonly from = h("input", { type: "date", class: "report-from", "aria-label": "From" });
  private readonly to = h("input", { type: "date", class: "report-to", "aria-label": "To" });
  private readonly table = h("table", { class: "report" });

  constructor(private readonly api: ChatApi, private readonly siteId: string, private readonly failed: (error: unknown) => void) {
    const form = h("form", { class: "report-range" }, "From ", this.from, " to ", this.to, h("button", { type: "submit" }, "Show"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.load();
    });
    this.element = h("section", { class: "reports", hidden: true }, h("h2", {}, "Reports"), form, this.table);
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
      h("caption", {}, `Resolved ${new Date(report.from).toLocaleDateString()} – ${new Date(report.to).toLocaleDateString()}`),
      h("tr", {}, ...["", "Conversations", "First response (median / p90)", "Resolution (median / p90)", "Rating"].map((t) => h("th", { scope: "col" }, t))),
      row("Whole site", report.site), ...report.agents.map((a) => row(a.agentId ?? "", a)));
  }
}

function spread(d: SupportDurations): string {
  return d.medianSeconds == null ? "–" : `${duration(d.medianSeconds)} / ${duration(d.p90Seconds ?? d.medianSeconds)}`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
