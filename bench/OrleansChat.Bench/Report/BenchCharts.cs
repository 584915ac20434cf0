using System.Globalization;
using OrleansChat.Bench.Scenarios.Fanout;
using OrleansChat.Bench.Scenarios.Transport;
using ScottPlot;

namespace OrleansChat.Bench.Report;

/// <summary>
/// The run's charts, as PNG files beside the report: delivery latency against the rate each system achieved, and
/// what each way of connecting cost. Markdown links to them by name, so a run rewrites them in place.
/// </summary>
public static class BenchCharts
{
    public const string Folder = "benchmarks";
    public const string Latency = "fanout-latency.png";
    public const string TransportCost = "transports-cost.png";
    public const string TransportLatency = "transports-latency.png";

    // Skia's Linux assets without dependencies find no system fonts by themselves: without one the charts have no text.
    private const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private const string BoldFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    private const string FontName = "DejaVu Sans";

    /// <summary>Writes the charts the run has data for; returns their file names.</summary>
    public static IReadOnlyList<string> Write(string reportPath, BenchRun run)
    {
        if (!File.Exists(FontFile) || !File.Exists(BoldFontFile))
        {
            throw new InvalidOperationException($"The charts need {FontFile} and its bold face: apt-get install fonts-dejavu-core");
        }
        Fonts.AddFontFile(FontName, FontFile);
        // Titles and axis labels are bold.
        Fonts.AddFontFile(FontName, BoldFontFile, bold: true);
        Fonts.Default = FontName;
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath))!, Folder);
        Directory.CreateDirectory(folder);
        List<string> written = [];
        if (run.FanoutResults.Count > 0)
        {
            LatencyAgainstRate(run.FanoutResults).SavePng(Path.Combine(folder, Latency), 900, 520);
            written.Add(Latency);
        }
        if (run.TransportResults.Count > 0)
        {
            TransportBars(run.TransportResults, "Server CPU seconds per 1,000 delivered messages", r => r.CpuSecondsPer1000Deliveries, "F3")
                .SavePng(Path.Combine(folder, TransportCost), 900, 420);
            TransportBars(run.TransportResults, "Delivery latency p50 (ms)", r => r.Step.P50, "F0")
                .SavePng(Path.Combine(folder, TransportLatency), 900, 420);
            written.AddRange([TransportCost, TransportLatency]);
        }
        return written;
    }

    // Both axes are logarithmic: rates span two orders of magnitude and latencies three.
    private static Plot LatencyAgainstRate(IReadOnlyList<FanoutResult> results)
    {
        var plot = new Plot();
        foreach (var result in results)
        {
            var steps = result.FixedSteps.Concat(result.SaturationSteps)
                .Where(s => s.AchievedDeliveriesPerSecond > 0 && s.P99 > 0)
                .OrderBy(s => s.AchievedDeliveriesPerSecond).ToArray();
            if (steps.Length == 0) continue;
            var line = plot.Add.Scatter(
                steps.Select(s => Math.Log10(s.AchievedDeliveriesPerSecond)).ToArray(),
                steps.Select(s => Math.Log10(s.P99)).ToArray());
            line.LegendText = result.System + " p99";
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        plot.Axes.Bottom.TickGenerator = LogTicks(v => v.ToString("N0", CultureInfo.InvariantCulture));
        plot.Axes.Left.TickGenerator = LogTicks(v => v.ToString(v < 10 ? "0.#" : "N0", CultureInfo.InvariantCulture));
        plot.Title("Send-to-receive p99 against deliveries/s achieved (log-log)");
        plot.XLabel("Deliveries per second achieved");
        plot.YLabel("p99 latency (ms)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot TransportBars(IReadOnlyList<TransportResult> results, string title, Func<TransportResult, double> value, string format)
    {
        var plot = new Plot();
        var values = results.Select(value).ToArray();
        var bars = plot.Add.Bars(values);
        for (var i = 0; i < bars.Bars.Count; i++) bars.Bars[i].Label = values[i].ToString(format, CultureInfo.InvariantCulture);
        bars.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, results.Count).Select(i => (double)i)], [.. results.Select(r => r.Kind.Name)]);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.Title(title);
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks(Func<double, string> label) => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = exponent => label(Math.Pow(10, exponent)),
    };
}
