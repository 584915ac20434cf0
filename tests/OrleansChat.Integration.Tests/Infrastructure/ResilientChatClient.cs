using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Contracts;
using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// A chat client that follows the protocol's rules for not losing anything, as the widget does: it keeps what
/// it received by seq (dropping duplicates), fills gaps it sees, re-joins with its last seq after reconnecting
/// (to another web node when its own is gone), and retries each send with the same client message id until it
/// is acknowledged. It counts what happened for the test to check and print; what each connection received as
/// pushes is judged on its own, before the dedupe (<see cref="PushLedger"/>).
/// </summary>
public sealed class ResilientChatClient : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>A send's failure when no web node answered at all: the one asked was gone.</summary>
    public const string NoAnswer = "no-answer";

    private readonly IReadOnlyList<Uri> _nodes;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _merge = new(1, 1);
    private readonly SortedDictionary<long, ChatMessage> _received = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<PushLedger> _ledgers = [];
    private HubConnection? _hub;
    private int _node;
    private int _backfilling;

    public ResilientChatClient(string userId, string roomId, string accessToken, IReadOnlyList<Uri> nodes, int firstNode)
    {
        UserId = userId;
        RoomId = roomId;
        _nodes = nodes;
        _node = firstNode;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        AccessToken = accessToken;
    }

    public string UserId { get; }
    public string RoomId { get; }
    private string AccessToken { get; }

    public List<ChatMessage> Acknowledged { get; } = [];
    public List<(DateTime At, string Error, TimeSpan Took)> SendFailures { get; } = [];
    public int LiveDeliveries;
    public int BackfilledDeliveries;
    public int DuplicatesDropped;
    public int Reconnects;
    public List<string> Conflicts { get; } = [];

    /// <summary>Pushes over all of this client's connections, and how many of them were duplicates or left gaps.</summary>
    public (int Pushes, int Duplicates, int Gaps) Pushes
    {
        get
        {
            lock (_ledgers) return _ledgers.Select(l => l.Judge()).Aggregate((0, 0, 0), (sum, l) => (sum.Item1 + l.Pushes, sum.Item2 + l.Duplicates, sum.Item3 + l.Gaps));
        }
    }

    public IReadOnlyList<ChatMessage> Received
    {
        get
        {
            _merge.Wait();
            try { return [.. _received.Values]; }
            finally { _merge.Release(); }
        }
    }

    /// <summary>The seq up to which this client has everything.</summary>
    public long ContiguousSeq
    {
        get
        {
            _merge.Wait();
            try { return ContiguousUnlocked(); }
            finally { _merge.Release(); }
        }
    }

    public async Task ConnectAsync()
    {
        for (var attempt = 0; !_stopping.IsCancellationRequested; attempt++)
        {
            var node = _nodes[_node];
            try
            {
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(node, "/hubs/chat"), HttpTransportType.WebSockets, options =>
                    {
                        options.AccessTokenProvider = () => Task.FromResult<string?>(AccessToken);
                        options.SkipNegotiation = true;
                    })
                    .AddJsonProtocol(json => json.PayloadSerializerOptions = Json)
                    .Build();
                var ledger = new PushLedger();
                lock (_ledgers) _ledgers.Add(ledger);
                hub.On<ChatMessage>("MessageReceived", message =>
                {
                    ledger.Pushed(message.Seq);
                    _ = OnLiveAsync(message);
                });
                hub.Closed += error => { _ = ReconnectAsync(); return Task.CompletedTask; };
                await hub.StartAsync(_stopping.Token);
                var snapshot = await hub.InvokeAsync<RoomSnapshot>("JoinRoom", RoomId, ContiguousSeq, _stopping.Token);
                ledger.Joined(snapshot.LastSeq);
                _hub = hub;
                await MergeAsync(snapshot.Messages, live: false);
                if (snapshot.HasMore) await BackfillAsync();
                return;
            }
            catch (Exception) when (!_stopping.IsCancellationRequested)
            {
                // This node is gone or the cluster is busy: try the next node after a short, jittered pause.
                _node = (_node + 1) % _nodes.Count;
                await Task.Delay(TimeSpan.FromMilliseconds(200 + Random.Shared.Next(300)));
            }
        }
    }

    /// <summary>Sends until acknowledged (or stopped), over the hub when connected, else over REST.</summary>
    public async Task SendAsync(string text)
    {
        var clientMessageId = Guid.NewGuid().ToString("N");
        while (!_stopping.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            try
            {
                var ack = _hub is { State: HubConnectionState.Connected } hub
                    ? await SendOverHubAsync(hub, clientMessageId, text)
                    : await SendOverRestAsync(clientMessageId, text);
                lock (Acknowledged) Acknowledged.Add(ack);
                return;
            }
            catch (Exception exception) when (!_stopping.IsCancellationRequested)
            {
                lock (SendFailures) SendFailures.Add((started, Describe(exception), DateTime.UtcNow - started));
                // No node answered (it is gone): the next send tries the other one, as a load balancer would.
                if (exception is HttpRequestException { StatusCode: null }) _node = (_node + 1) % _nodes.Count;
                await Task.Delay(TimeSpan.FromMilliseconds(100 + Random.Shared.Next(200)));
            }
        }
    }

    /// <summary>Fetches what is missing after the contiguous seq over REST, page by page.</summary>
    public async Task BackfillAsync()
    {
        if (Interlocked.Exchange(ref _backfilling, 1) == 1) return;
        try
        {
            MessagePage page;
            do
            {
                var response = await _http.GetAsync(new Uri(_nodes[_node], $"/api/rooms/{RoomId}/messages?after={ContiguousSeq}&limit=200"));
                response.EnsureSuccessStatusCode();
                page = (await response.Content.ReadFromJsonAsync<MessagePage>(Json))!;
                await MergeAsync(page.Messages, live: false);
            }
            while (page.HasMore && page.Messages.Count > 0);
        }
        catch (Exception) when (!_stopping.IsCancellationRequested)
        {
            // The next gap or reconnect tries again.
        }
        finally
        {
            Volatile.Write(ref _backfilling, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_hub is not null) await _hub.DisposeAsync();
        _http.Dispose();
    }

    private async Task<ChatMessage> SendOverHubAsync(HubConnection hub, string clientMessageId, string text)
    {
        var ack = await hub.InvokeAsync<MessageAck>("SendMessage", RoomId, clientMessageId, text, _stopping.Token);
        return new ChatMessage(ack.RoomId, ack.Seq, ack.MessageId, clientMessageId, UserId, UserId, MessageKind.Text, text.Trim(), ack.SentAt);
    }

    private async Task<ChatMessage> SendOverRestAsync(string clientMessageId, string text)
    {
        var response = await _http.PostAsJsonAsync(new Uri(_nodes[_node], $"/api/rooms/{RoomId}/messages"), new { clientMessageId, text }, Json);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChatMessage>(Json))!;
    }

    private async Task OnLiveAsync(ChatMessage message)
    {
        var gap = await MergeAsync([message], live: true);
        if (gap) await BackfillAsync();
    }

    /// <summary>Keeps messages by seq; true when a gap shows (something after the contiguous seq is missing).</summary>
    private async Task<bool> MergeAsync(IReadOnlyList<ChatMessage> messages, bool live)
    {
        await _merge.WaitAsync();
        try
        {
            foreach (var message in messages)
            {
                if (_received.TryGetValue(message.Seq, out var known))
                {
                    if (known.MessageId != message.MessageId) Conflicts.Add($"seq {message.Seq}: {known.MessageId} and {message.MessageId}");
                    DuplicatesDropped++;
                    continue;
                }
                _received[message.Seq] = message;
                if (live) LiveDeliveries++; else BackfilledDeliveries++;
            }
            return _received.Count > 0 && _received.Keys.Last() > ContiguousUnlocked();
        }
        finally
        {
            _merge.Release();
        }
    }

    private long ContiguousUnlocked()
    {
        long seq = 0;
        while (_received.ContainsKey(seq + 1)) seq++;
        return seq;
    }

    private async Task ReconnectAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        Interlocked.Increment(ref Reconnects);
        _hub = null;
        await ConnectAsync();
    }

    private static string Describe(Exception exception) => exception switch
    {
        HubException hub when hub.Message.Contains("HubException: ", StringComparison.Ordinal) =>
            hub.Message[(hub.Message.IndexOf("HubException: ", StringComparison.Ordinal) + 14)..].Split(':')[0],
        HttpRequestException { StatusCode: { } status } => $"http-{(int)status}",
        HttpRequestException => NoAnswer,
        _ => exception.GetType().Name,
    };
}
