using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Testing;
using OrleansChat.Testing.Faults;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Observability;

/// <summary>
/// <c>/metrics</c> in Prometheus' format, when switched on: after traffic it holds the chat's own metrics with
/// values that fit the traffic, and the Grafana dashboard under <c>deploy/monitoring</c> asks only for metrics that
/// are there. (The silo runs in the test's process, so its meter shows in the web node's scrape here; deployed,
/// each process is scraped for its own.)
/// </summary>
[Collection(AloneInTheProcess.Name)]
public sealed class MetricsTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Metrics:Prometheus"] = "true",
        ["Chat:Limits:MessagesPerMinute"] = "6",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task After_traffic_the_scrape_holds_the_chats_metrics_and_the_dashboard_asks_only_for_those()
    {
        await using var pair = await _system.RoomPairAsync("Measured");
        var (room, _, _, aliceLive, _) = pair;
        for (var i = 1; i <= 5; i++) await aliceLive.SendAsync(room.RoomId, $"m{i}", $"message {i}");
        _ = PlannedFaults.Plan(room.RoomId, Fault.FailBeforeCommit);
        var lost = await Assert.ThrowsAsync<HubException>(() => aliceLive.SendAsync(room.RoomId, "m6", "lost to a planned fault"));
        Assert.StartsWith("unavailable:", HubErrors.Of(lost));
        var limited = await Assert.ThrowsAsync<HubException>(() => aliceLive.SendAsync(room.RoomId, "m7", "over the allowance"));
        Assert.StartsWith("rate-limited:", HubErrors.Of(limited));

        // Each metric is at least what the traffic above made of it. Some are recorded after the call they measure has
        // returned (a delivery, a fan-out's lag), so the scrape is repeated until all hold or patience runs out.
        (string Name, string? Label, double Least)[] expected =
        [
            ("orleanschat_deliveries_total", null, 10),
            ("orleanschat_messages_stored_total", null, 5),
            ("orleanschat_fanout_messages_total", null, 5),
            ("orleanschat_fanout_lag_milliseconds_count", null, 5),
            ("orleanschat_append_duration_milliseconds_count", null, 5),
            ("orleanschat_users_online", null, 2),
            ("orleanschat_rooms_listened", null, 1),
            ("orleanschat_hub_connections", null, 2),
            ("orleanschat_rate_limited_total", "limit=\"messages\"", 1),
            ("orleanschat_storage_errors_total", "kind=\"append\"", 1),
        ];
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryDirectory.PathOf("deploy", "monitoring", "grafana", "dashboards", "orleanschat.json")))!;
        var asked = dashboard["panels"]!.AsArray().SelectMany(panel => panel!["targets"]!.AsArray()).Select(target => (string)target!["expr"]!).ToArray();
        Assert.NotEmpty(asked);
        var names = asked.SelectMany(MetricNames).Distinct().ToArray();
        string[] Missing(string scrape) => names.Where(name => !scrape.Contains($"\n{name}", StringComparison.Ordinal)).ToArray();
        (string, double)[] Short(string scrape) =>
            expected.Where(e => Value(scrape, e.Name, e.Label) < e.Least).Select(e => (e.Name, Value(scrape, e.Name, e.Label))).ToArray();

        var scrape = await ScrapeUntilAsync(text => Short(text).Length == 0 && Missing(text).Length == 0);

        Assert.True(Short(scrape).Length == 0 && Missing(scrape).Length == 0,
            $"short: {string.Join(", ", Short(scrape))}; missing: {string.Join(", ", Missing(scrape))}; the last scrape:{scrape}");
    }

    private async Task<string> ScrapeUntilAsync(Func<string, bool> done)
    {
        using var http = _system.Web.CreateHttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = "\n" + await response.Content.ReadAsStringAsync();
            if (done(text) || DateTime.UtcNow > deadline) return text;
            await Task.Delay(250);
        }
    }

    /// <summary>The sum of a metric's samples (whose labels contain <paramref name="label"/>, if given).</summary>
    private static double Value(string scrape, string name, string? label = null) =>
        Regex.Matches(scrape, $@"\n{Regex.Escape(name)}(\{{(?<labels>[^}}]*)\}})? (?<value>[0-9.eE+-]+)")
            .Where(m => label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    /// <summary>The metric names in a PromQL expression: what is followed by a selector or a range, not functions or labels.</summary>
    private static IEnumerable<string> MetricNames(string expression) =>
        Regex.Matches(expression, @"\b([a-z_][a-z0-9_]*)(?=\{|\[)").Select(m => m.Groups[1].Value);
}
