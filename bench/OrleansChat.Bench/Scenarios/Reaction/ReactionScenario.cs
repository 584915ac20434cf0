using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load;
using OrleansChat.Bench.Load.Clients;

namespace OrleansChat.Bench.Scenarios.Reaction;

/// <summary>
/// A reaction storm into one hot message, and what it does to its room's messages. One room: members that receive
/// everything in it and send its messages at a steady rate; first that rate alone, then the same rate while reactors
/// toggle emoji on one message. Reactors join over REST and do not listen on their connections (members with the room
/// closed), so each change is pushed to the members and watchers, not to the reactors as well.
/// </summary>
public static class ReactionScenario
{
    private const int Parallelism = 32;
    /// <summary>How long the storm's calls may take to be answered once it stopped calling.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<ReactionResult> RunAsync(ChatSystem system, ReactionSettings settings, TextWriter log)
    {
        var shape = new LoadShape(settings.Members, 1);
        var roomId = LoadShape.RoomId(0);
        await using var load = new ChatLoad(system, shape, system.Client);
        log.WriteLine($"[reactions] opening {settings.Members} members, {settings.Watchers} watchers and {settings.Reactors} reactors " +
                      $"({settings.CallsPerReactor:F0} reactions each)");
        await load.PrepareAsync();
        var (failed, error) = await load.ConnectAsync();
        if (failed > 0) log.WriteLine($"[reactions] {failed} members failed to connect: {error}");

        var reactors = await SignedInConnections.OpenAsync(system, "bench-reactor", settings.Reactors);
        await Parallel.ForAsync(0, settings.Reactors, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, _) => await JoinOverRestAsync(system, reactors[i].Token, roomId));
        var hot = await reactors[0].Connection.InvokeAsync<SendAck>("SendMessage", roomId, Guid.NewGuid().ToString("N"), "the hot message");
        var watching = await SignedInConnections.OpenAsync(system, "bench-watcher", settings.Watchers, SignedInConnections.CoalescedChanges);
        await using var watchers = await ChangeWatchers.JoinAsync(watching.Select(o => o.Connection).ToArray(), roomId);

        try
        {
            var deliveriesPerSecond = settings.MessagesPerSecond * settings.Members;
            await RateStep.RunAsync(load, 1, "warm-up", deliveriesPerSecond, settings.WarmUp, settings.Drain);
            var quiet = await RateStep.RunAsync(load, 2, "without reactions", deliveriesPerSecond, settings.StepDuration, settings.Drain);
            log.WriteLine($"[reactions] without reactions: send-to-receive p50 {quiet.P50:F1} p99 {quiet.P99:F1} ms, lost {quiet.LostDeliveries}, unsent {quiet.Unsent}");

            var storm = new ReactionStorm(reactors.Select(r => r.Connection).ToArray(), roomId, hot.Seq, settings.ReactionsPerSecond);
            // Warms the reaction path (JIT, the room's change queue) before it is measured; not reported.
            var warmUp = await storm.RunAsync(settings.WarmUp);
            var stormCalls = storm.RunAsync(settings.StepDuration);
            var stormed = await RateStep.RunAsync(load, 3, $"with {settings.ReactionsPerSecond:N0} reactions/s", deliveriesPerSecond, settings.StepDuration, settings.Drain);
            var counts = await stormCalls;
            // Every call answered, the room's last change is known: only then can the watchers be held against it.
            await warmUp.SettleAsync(SettleTimeout);
            await counts.SettleAsync(SettleTimeout);
            await watchers.WaitForAsync(storm.HighestChange, settings.Drain);

            var acks = counts.SortedAckLatenciesMs();
            var result = new ReactionResult(shape.Connections - failed, quiet, stormed, storm.AckedPerSecond,
                Percentiles.Of(acks, 50), Percentiles.Of(acks, 99), counts.Refused + warmUp.Refused, counts.FirstRefusal ?? warmUp.FirstRefusal,
                counts.Failed + warmUp.Failed, counts.Skipped, counts.Unanswered + warmUp.Unanswered,
                storm.HighestChange, watchers.Count, watchers.FewestAccountedFor, watchers.TotalPushed, watchers.GapsAndDuplicates);
            log.WriteLine($"[reactions] with reactions: send-to-receive p50 {stormed.P50:F1} p99 {stormed.P99:F1} ms, lost {stormed.LostDeliveries}, unsent {stormed.Unsent}; " +
                          $"{result.ReactionsPerSecond:N0} reactions/s acknowledged, ack p50 {result.AckP50:F1} p99 {result.AckP99:F1} ms, " +
                          $"refused {result.Refused}{(result.FirstRefusal is null ? "" : $" ({result.FirstRefusal})")}, failed {result.Failed}, " +
                          $"skipped {result.Skipped}, unanswered {result.Unanswered}; " +
                          $"{result.ChangesMade} changes made ({warmUp.Acked + counts.Acked} acknowledged), each watcher told of at least {result.FewestChangesAccountedFor} " +
                          $"({result.ChangesPushed / Math.Max(1, result.Watchers):N0} pushed to each on average, {result.GapsAndDuplicates} gaps or duplicates)");
            return result;
        }
        finally
        {
            foreach (var reactor in reactors) await reactor.Connection.DisposeAsync();
        }
    }

    /// <summary>Joins a public room as a member without listening to it, as a user does whose app has the room closed.</summary>
    private static async Task JoinOverRestAsync(ChatSystem system, string? token, string roomId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.BaseAddress, $"/api/rooms/{roomId}/members"))
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
