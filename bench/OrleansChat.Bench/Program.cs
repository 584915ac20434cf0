using System.Diagnostics;
using OrleansChat.Bench;
using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Report;
using OrleansChat.Bench.Scenarios.Ai;
using OrleansChat.Bench.Scenarios.Durable;
using OrleansChat.Bench.Scenarios.Fanout;
using OrleansChat.Bench.Scenarios.Footprint;
using OrleansChat.Bench.Scenarios.LargeRoom;
using OrleansChat.Bench.Scenarios.Reaction;
using OrleansChat.Bench.Scenarios.Search;
using OrleansChat.Bench.Scenarios.Tracing;
using OrleansChat.Bench.Scenarios.Transport;

// Runs the benchmarks the design asks for, one system at a time so they never share the cores, and writes
// the generated part of docs/benchmarks.md. Every server runs as its own process on loopback.
var arguments = BenchArguments.Parse(args);
var fanout = arguments.Quick ? FanoutSettings.Quick : FanoutSettings.Full;
fanout = fanout with { Connections = arguments.Connections ?? fanout.Connections, Rooms = arguments.Rooms ?? fanout.Rooms };
if (arguments.IdleOnly) fanout = fanout with { FixedRates = [], SaturationSteps = 0 };
var durable = arguments.Quick ? DurableSettings.Quick : DurableSettings.Full;
var logs = Directory.CreateTempSubdirectory("orleanschat-bench-logs-").FullName;
// Made before the run, not after it: a report that cannot be written would lose the whole run.
var report = Path.GetFullPath(arguments.ReportPath ?? Path.Combine(BuiltProjects.RepositoryRoot, "docs", "benchmarks.md"));
Directory.CreateDirectory(Path.GetDirectoryName(report)!);
var log = new ElapsedLog(Console.Out);
log.WriteLine($"Server logs: {logs}");

var startedAt = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var parts = new PartTimes(log);
var fanoutResults = new List<FanoutResult>();
if (arguments.Runs("raw"))
{
    await using var raw = await RawSystem.StartAsync(logs);
    fanoutResults.Add(await FanoutScenario.RunAsync(raw, fanout, log));
}
parts.Lap("raw", arguments.Runs("raw"));
if (arguments.Runs("chat"))
{
    await using var chat = await ChatSystem.StartEmbeddedAsync(logs, arguments.WebSettings);
    fanoutResults.Add(await FanoutScenario.RunAsync(chat, fanout, log));
}
parts.Lap("chat", arguments.Runs("chat"));
if (arguments.Runs("socketio"))
{
    await using var socketIo = await SocketIoSystem.StartAsync(logs);
    fanoutResults.Add(await FanoutScenario.RunAsync(socketIo, fanout, log));
}
parts.Lap("socketio", arguments.Runs("socketio"));
var largeRoom = arguments.Quick ? FanoutSettings.QuickLargeRoom : FanoutSettings.LargeRoom;
var largeRoomResults = arguments.Runs("large-room") ? await LargeRoomScenario.RunAsync(largeRoom, logs, log) : [];
parts.Lap("large-room", arguments.Runs("large-room"));
var transports = arguments.Quick ? TransportSettings.Quick : TransportSettings.Full;
IReadOnlyList<TransportResult> transportResults = [];
if (arguments.Runs("transports"))
{
    await using var chat = await ChatSystem.StartEmbeddedAsync(logs, arguments.WebSettings);
    transportResults = await TransportScenario.RunAsync(chat, transports, log);
}
parts.Lap("transports", arguments.Runs("transports"));
var ai = arguments.Quick ? AiSettings.Quick : AiSettings.Full;
IReadOnlyList<AiResult> aiResults = arguments.Runs("ai") ? (await AiScenario.RunAsync(ai, logs, log)).Results : [];
parts.Lap("ai", arguments.Runs("ai"));
var durableResults = arguments.Runs("durable") ? await DurableScenario.RunAsync(durable, logs, log) : [];
parts.Lap("durable", arguments.Runs("durable"));
var search = arguments.Quick ? SearchSettings.Quick : SearchSettings.Full;
var searchResults = arguments.Runs("search") ? await SearchScenario.RunAsync(search, logs, log) : [];
parts.Lap("search", arguments.Runs("search"));

var reactions = arguments.Quick ? ReactionSettings.Quick : ReactionSettings.Full;
ReactionResult? reactionResult = null;
if (arguments.Runs("reactions"))
{
    await using var chat = await ChatSystem.StartEmbeddedAsync(logs, arguments.WebSettings);
    reactionResult = await ReactionScenario.RunAsync(chat, reactions, log);
}
parts.Lap("reactions", arguments.Runs("reactions"));

var footprint = arguments.Quick ? FootprintSettings.Quick : FootprintSettings.Full;
var footprintResult = arguments.Runs("footprint") ? await FootprintScenario.RunAsync(footprint, logs, log) : null;
parts.Lap("footprint", arguments.Runs("footprint"));

var tracing = arguments.Quick ? TracingSettings.Quick : TracingSettings.Full;
var tracingResults = arguments.Runs("tracing") ? await TracingScenario.RunAsync(tracing, logs, log) : [];
parts.Lap("tracing", arguments.Runs("tracing"));

var run = new BenchRun(startedAt, clock.Elapsed, parts.Parts, arguments.Quick, fanout, fanoutResults, largeRoom, largeRoomResults, transports, transportResults, ai, aiResults, durableResults,
    searchResults, reactions, reactionResult, footprintResult, tracing, tracingResults);
MarkdownReport.Update(report, run);
var charts = BenchCharts.Write(report, run);
log.WriteLine();
log.WriteLine(MarkdownReport.Render(run));
log.WriteLine(charts.Count == 0 ? $"Updated {report}" : $"Updated {report} and {string.Join(", ", charts)} in {BenchCharts.Folder}/ beside it");
