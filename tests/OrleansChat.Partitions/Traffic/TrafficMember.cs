using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Contracts;

namespace OrleansChat.Partitions.Traffic;

/// <summary>
/// A room member of the generated traffic, behaving as the widget does: one hub connection to its web node,
/// re-joined with its last seq when it drops; each message sent with its own client message id and retried with
/// that id (over the hub while connected, else REST) until acknowledged, each attempt bounded. It records every
/// send and every push as they happened, for the test to judge.
/// </summary>
public sealed class TrafficMember(string userId, string roomId, string accessToken, Uri node, TimeSpan attemptTimeout) : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _http = new() { Timeout = attemptTimeout, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", accessToken) } };
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<SendRecord> _sends = [];
    private readonly List<ConnectionRecord> _connections = [];
    private HubConnection? _hub;
    private long _lastSeq;

    public string UserId => userId;
    public IReadOnlyList<SendRecord> Sends { get { lock (_sends) return [.. _sends]; } }
    public IReadOnlyList<ConnectionRecord> Connections { get { lock (_connections) return [.. _connections.Select(c => c with { Pushes = Copy(c.Pushes) })]; } }

    public async Task ConnectAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var pushes = new List<PushRecord>();
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(node, "/hubs/chat"), HttpTransportType.WebSockets, options =>
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                    options.SkipNegotiation = true;
                })
                .AddJsonProtocol(json => json.PayloadSerializerOptions = Json)
                .Build();
            hub.On<ChatMessage>("MessageReceived", message =>
            {
                lock (pushes) pushes.Add(new PushRecord(message.Seq, message.MessageId, DateTime.UtcNow));
                InterlockedMax(message.Seq);
            });
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                attempt.CancelAfter(attemptTimeout);
                await hub.StartAsync(attempt.Token);
                var snapshot = await hub.InvokeAsync<RoomSnapshot>("JoinRoom", roomId, Volatile.Read(ref _lastSeq), attempt.Token);
                InterlockedMax(snapshot.LastSeq);
                lock (_connections) _connections.Add(new ConnectionRecord(roomId, userId, node.ToString(), snapshot.LastSeq, pushes));
                hub.Closed += error =>
                {
                    _ = ConnectAsync();
                    return Task.CompletedTask;
                };
                _hub = hub;
                return;
            }
            catch (Exception) when (!_stopping.IsCancellationRequested)
            {
                // The node or the cluster behind it does not answer: what joined before this failure was recorded as unjoined.
                lock (_connections) _connections.Add(new ConnectionRecord(roomId, userId, node.ToString(), null, pushes));
                await hub.DisposeAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(200 + Random.Shared.Next(300)));
            }
        }
    }

    /// <summary>Sends one message until it is acknowledged or the member stops.</summary>
    public async Task SendAsync(string text)
    {
        var clientMessageId = Guid.NewGuid().ToString("N");
        var firstAttempt = DateTime.UtcNow;
        var failures = 0;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                attempt.CancelAfter(attemptTimeout);
                var (seq, messageId) = _hub is { State: HubConnectionState.Connected } hub
                    ? await SendOverHubAsync(hub, clientMessageId, text, attempt.Token)
                    : await SendOverRestAsync(clientMessageId, text, attempt.Token);
                Record(new SendRecord(roomId, userId, clientMessageId, firstAttempt, DateTime.UtcNow, seq, messageId, failures));
                return;
            }
            catch (Exception) when (!_stopping.IsCancellationRequested)
            {
                failures++;
                await Task.Delay(TimeSpan.FromMilliseconds(100 + Random.Shared.Next(200)));
            }
        }
        Record(new SendRecord(roomId, userId, clientMessageId, firstAttempt, null, null, null, failures));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_hub is not null) await _hub.DisposeAsync();
        _http.Dispose();
    }

    private async Task<(long, string)> SendOverHubAsync(HubConnection hub, string clientMessageId, string text, CancellationToken cancel)
    {
        var ack = await hub.InvokeAsync<MessageAck>("SendMessage", roomId, clientMessageId, text, cancel);
        return (ack.Seq, ack.MessageId);
    }

    private async Task<(long, string)> SendOverRestAsync(string clientMessageId, string text, CancellationToken cancel)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(node, $"/api/rooms/{roomId}/messages"), new { clientMessageId, text }, Json, cancel);
        response.EnsureSuccessStatusCode();
        var message = (await response.Content.ReadFromJsonAsync<ChatMessage>(Json, cancel))!;
        return (message.Seq, message.MessageId);
    }

    private void Record(SendRecord send)
    {
        lock (_sends) _sends.Add(send);
    }

    private void InterlockedMax(long seq)
    {
        for (var known = Volatile.Read(ref _lastSeq); seq > known; known = Volatile.Read(ref _lastSeq))
        {
            if (Interlocked.CompareExchange(ref _lastSeq, seq, known) == known) return;
        }
    }

    private static List<PushRecord> Copy(IReadOnlyList<PushRecord> pushes)
    {
        lock (pushes) return [.. pushes];
    }
}
