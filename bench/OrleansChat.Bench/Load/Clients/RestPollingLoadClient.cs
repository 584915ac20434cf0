using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansChat.Bench.Load.Clients;

/// <summary>
/// A client with no push at all: it joins over REST, reads <c>GET /messages?after=</c> every interval and sends with
/// <c>POST /messages</c>, retrying what was not acknowledged (429 after its Retry-After, 503, a dropped connection)
/// with the same clientMessageId, as the widget's offline outbox does.
/// </summary>
public sealed class RestPollingLoadClient : ILoadClient
{
    private const int PageLimit = 200;
    private const int SendAttempts = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Uri _messages;
    private readonly ClientTraffic _traffic;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    private RestPollingLoadClient(HttpClient http, Uri messages, long lastSeq, TimeSpan interval, LoadClientEvents events, ClientTraffic traffic)
    {
        _http = http;
        _messages = messages;
        _traffic = traffic;
        _polling = PollAsync(lastSeq, interval, events);
    }

    public static async Task<ILoadClient> OpenAsync(Uri baseAddress, string? token, string roomId, TimeSpan interval, LoadClientEvents events, ClientTraffic traffic)
    {
        var http = new HttpClient(traffic.Counting(new SocketsHttpHandler())) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var room = Uri.EscapeDataString(roomId);
        (await http.PostAsJsonAsync($"/api/rooms/{room}/members", new { })).EnsureSuccessStatusCode();
        var latest = await http.GetFromJsonAsync<Page>($"/api/rooms/{room}/messages?limit=1", Json);
        return new RestPollingLoadClient(http, new Uri(baseAddress, $"/api/rooms/{room}/messages"), latest!.LastSeq, interval, events, traffic);
    }

    public async Task SendAsync(string roomId, string clientMessageId, string text)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                using var response = await _http.PostAsJsonAsync(_messages, new { clientMessageId, text });
                if (response.IsSuccessStatusCode) return;
                if (attempt >= SendAttempts || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
                {
                    throw new HttpRequestException($"The send was refused: {(int)response.StatusCode}.", null, response.StatusCode);
                }
                wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(250 * attempt);
            }
            catch (HttpRequestException exception) when (exception.StatusCode is null && attempt < SendAttempts)
            {
                wait = TimeSpan.FromMilliseconds(250 * attempt);
            }
            _traffic.RecordSendRetry();
            await Task.Delay(wait);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _polling;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting or reading.
        }
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task PollAsync(long lastSeq, TimeSpan interval, LoadClientEvents events)
    {
        // Clients started together would poll together for ever: each starts at a random point of its interval.
        await Task.Delay(Random.Shared.NextDouble() * interval, _stop.Token);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                Page page;
                do
                {
                    page = (await _http.GetFromJsonAsync<Page>($"{_messages}?after={lastSeq}&limit={PageLimit}", Json, _stop.Token))!;
                    foreach (var message in page.Messages) events.Received(message.Text);
                    if (page.Messages.Count > 0) lastSeq = page.Messages[^1].Seq;
                }
                while (page.HasMore);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
            {
                // A failed or timed-out poll: the next one asks again from the same seq, so nothing is skipped.
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token));
    }

    private sealed record Page(IReadOnlyList<ReceivedMessage> Messages, bool HasMore, long LastSeq);
}
