using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load;
using OrleansChat.Testing;

namespace OrleansChat.Bench.Scenarios.Ai;

/// <summary>
/// The seed's claim that streaming over HTTP is enough for AI, measured: <c>POST /api/ai/chat</c> against an
/// OpenAI-compatible model on loopback that writes at a fixed pace, answered as server-sent events and as one JSON
/// body. What the caller waits for the first words is the difference a person feels.
/// </summary>
public static class AiScenario
{
    private const string Question = "How do returns and refunds work?";

    public static async Task<(AiSettings Settings, IReadOnlyList<AiResult> Results)> RunAsync(AiSettings settings, string logDirectory, TextWriter log)
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Pieces = [.. Enumerable.Range(0, settings.Pieces).Select(i => $"word{i} ")];
        model.PieceDelay = settings.PieceDelay;
        await using var chat = await ChatSystem.StartEmbeddedAsync(logDirectory, new Dictionary<string, string>
        {
            ["Chat:Ai:Provider"] = "OpenAI",
            ["Chat:Ai:Endpoint"] = model.Endpoint.ToString(),
            ["Chat:Ai:Model"] = "fake-model",
            ["Chat:Ai:ApiKey"] = "bench-key",
        });
        using var http = new HttpClient { BaseAddress = chat.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        // Warms both ends; not reported.
        await AskAsync(http, await chat.SignInAsync(http, "ai-warm-up"), streamed: true);
        await AskAsync(http, await chat.SignInAsync(http, "ai-warm-up"), streamed: false);

        var results = new List<AiResult>();
        foreach (var callers in new[] { 1, settings.ManyCallers })
        {
            foreach (var streamed in new[] { true, false })
            {
                var result = await MeasureAsync(chat, http, callers, settings.Rounds, streamed);
                log.WriteLine($"[ai] {(streamed ? "streamed" : "whole")}, {callers} callers: first words p50 {result.FirstWordsP50:F0} p99 {result.FirstWordsP99:F0} ms, " +
                              $"complete p50 {result.CompleteP50:F0} p99 {result.CompleteP99:F0} ms, {result.Answers} answers, {result.Errors} errors");
                results.Add(result);
            }
        }
        return (settings, results);
    }

    private static async Task<AiResult> MeasureAsync(ChatSystem chat, HttpClient http, int callers, int rounds, bool streamed)
    {
        // One user per caller: the AI rate limit is per user, and a real site has many.
        var tokens = await Task.WhenAll(Enumerable.Range(0, callers).Select(i => chat.SignInAsync(http, $"ai-{(streamed ? "s" : "w")}{callers}-{i}")));
        var timings = await Task.WhenAll(tokens.Select(async token =>
        {
            var mine = new List<(double FirstWords, double Complete)?>();
            for (var round = 0; round < rounds; round++) mine.Add(await AskAsync(http, token, streamed));
            return mine;
        }));
        var answered = timings.SelectMany(t => t).OfType<(double FirstWords, double Complete)>().ToArray();
        var firstWords = answered.Select(a => a.FirstWords).Order().ToArray();
        var complete = answered.Select(a => a.Complete).Order().ToArray();
        return new AiResult(streamed, callers, answered.Length, callers * rounds - answered.Length,
            Percentiles.Of(firstWords, 50), Percentiles.Of(firstWords, 99), Percentiles.Of(complete, 50), Percentiles.Of(complete, 99));
    }

    /// <summary>Asks once; null when the answer failed.</summary>
    private static async Task<(double FirstWords, double Complete)?> AskAsync(HttpClient http, string? token, bool streamed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ai/chat")
        {
            Content = JsonContent.Create(new { messages = new[] { new { role = "user", content = Question } } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (streamed) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode) return null;
            if (!streamed)
            {
                await response.Content.ReadAsByteArrayAsync();
                return (clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
            }
            double? firstWords = null;
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line == "event: delta") firstWords ??= clock.Elapsed.TotalMilliseconds;
                if (line == "event: done") return (firstWords ?? clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
                if (line == "event: error") return null;
            }
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
