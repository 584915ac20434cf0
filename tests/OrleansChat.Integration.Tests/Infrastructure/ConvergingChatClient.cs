using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Contracts;
using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// A member who follows a room's messages and their changes by the README's rules, as the widget does: pushes are
/// applied in arrival order to a <see cref="RoomReplica"/>, a jump in seqs or change seqs is filled over REST first,
/// and coming back (after going away on purpose, or a dropped connection) it joins with <c>JoinRoom(afterSeq)</c> and
/// asks <c>GetChanges</c> for the changes after its old cursor. It also edits, deletes and reacts, each over the hub
/// when connected, else over REST; a failure (the cluster losing a silo) is counted, not retried, since the log is what
/// the test compares with.
/// </summary>
public sealed class ConvergingChatClient : IAsyncDisposable
{
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    private HubConnection? _hub;
    private bool _away;
    private bool _joined;
    private int _node;

    public ConvergingChatClient(string userId, string roomId, string accessToken, IReadOnlyList<Uri> nodes, int firstNode)
    {
        UserId = userId;
        RoomId = roomId;
        AccessToken = accessToken;
        _nodes = nodes;
        _node = firstNode;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        Replica = new RoomReplica(userId);
        _pump = Task.Run(PumpAsync);
    }

    public string UserId { get; }
    public string RoomId { get; }
    private string AccessToken { get; }
    public RoomReplica Replica { get; }

    /// <summary>Steps that failed (refused, or the cluster was busy), by their error.</summary>
    public Dictionary<string, int> Failures { get; } = [];
    public int Done;
    public int Reconnects;
    public int ChangesCaughtUpOnReturn;
    public List<string> Journal { get; } = [];

    /// <summary>The replica's seq and change cursor, read in turn.</summary>
    public async Task<(long Seq, long Change)> PositionAsync()
    {
        await _turn.WaitAsync();
        try { return (Replica.ContiguousSeq, Replica.Cursor); }
        finally { _turn.Release(); }
    }

    public async Task<IReadOnlyList<ChatMessage>> MessagesAsync()
    {
        await _turn.WaitAsync();
        try { return Replica.Messages; }
        finally { _turn.Release(); }
    }

    /// <summary>Connects and joins (again, from what it holds), trying the nodes in turn until one answers.</summary>
    public async Task ConnectAsync()
    {
        _away = false;
        for (var attempt = 0; !_stopping.IsCancellationRequested; attempt++)
        {
            await _turn.WaitAsync();
            try
            {
                await JoinInTurnAsync();
                return;
            }
            catch (Exception exception) when (!_stopping.IsCancellationRequested && attempt < 100)
            {
                Log($"joining failed ({exception.GetType().Name}: {First(exception.Message)})");
                _node = (_node + 1) % _nodes.Count;
            }
            finally
            {
                _turn.Release();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200 + Random.Shared.Next(300)));
        }
    }

    /// <summary>Goes away on purpose: the connection closes and nothing reaches the client until it connects again.</summary>
    public async Task GoAwayAsync()
    {
        _away = true;
        var hub = _hub;
        _hub = null;
        if (hub is not null) await hub.DisposeAsync();
        Log("went away");
    }

    /// <summary>One random step: a send, or an edit, deletion or reaction of a message it holds.</summary>
    public async Task StepAsync(Random random, bool moderates)
    {
        var held = await MessagesAsync();
        var live = held.Where(m => m.DeletedAt is null).ToList();
        var own = live.Where(m => m.SenderId == UserId).ToList();
        var roll = random.Next(100);
        var hub = _hub is { State: HubConnectionState.Connected } connected ? connected : null;
        var path = $"/api/rooms/{RoomId}/messages";
        string what = "send";
        try
        {
            if (roll < 35 || live.Count == 0)
            {
                var replyTo = live.Count > 0 && random.Next(4) == 0 ? live[random.Next(live.Count)].Seq : (long?)null;
                var body = new { clientMessageId = Guid.NewGuid().ToString("N"), text = $"{UserId} at {DateTime.UtcNow:HH:mm:ss.fff}", replyTo };
                if (hub is not null) await hub.InvokeAsync<MessageAck>("PostMessage", RoomId, body, _stopping.Token);
                else await SucceedAsync(await _http.PostAsJsonAsync(Url(path), body, ResilientChatClient.Json, _stopping.Token));
            }
            else if (roll < 55 && own.Count > 0)
            {
                what = "edit";
                var seq = own[random.Next(own.Count)].Seq;
                var text = $"edited by {UserId} at {DateTime.UtcNow:HH:mm:ss.fff}";
                if (hub is not null) await hub.InvokeAsync<ChatMessage>("EditMessage", RoomId, seq, text, _stopping.Token);
                else await SucceedAsync(await _http.PutAsJsonAsync(Url($"{path}/{seq}"), new { text }, ResilientChatClient.Json, _stopping.Token));
            }
            else if (roll < 67)
            {
                what = "delete";
                var choices = moderates ? live : own;
                if (choices.Count == 0) return;
                var seq = choices[random.Next(choices.Count)].Seq;
                if (hub is not null) await hub.InvokeAsync<ChatMessage>("DeleteMessage", RoomId, seq, _stopping.Token);
                else await SucceedAsync(await _http.DeleteAsync(Url($"{path}/{seq}"), _stopping.Token));
            }
            else
            {
                what = "react";
                var message = live[random.Next(live.Count)];
                var emoji = new[] { "👍", "🎉", "❤️" }[random.Next(3)];
                var reacted = message.Reactions?.FirstOrDefault(r => r.Emoji == emoji)?.Me != true;
                var reactionPath = Url($"{path}/{message.Seq}/reactions/{Uri.EscapeDataString(emoji)}");
                if (hub is not null) await hub.InvokeAsync<ChatMessage>("SetReaction", RoomId, message.Seq, emoji, reacted, _stopping.Token);
                else await SucceedAsync(reacted ? await _http.PutAsync(reactionPath, null, _stopping.Token) : await _http.DeleteAsync(reactionPath, _stopping.Token));
            }
            Interlocked.Increment(ref Done);
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            var error = exception switch
            {
                _ when exception.Message.Contains("HubException: ") => exception.Message[(exception.Message.IndexOf("HubException: ") + 14)..].Split(':')[0],
                HttpRequestException { StatusCode: { } status } => $"http-{(int)status}",
                _ => exception.GetType().Name,
            };
            lock (Failures) Failures[$"{what} {error}"] = Failures.GetValueOrDefault($"{what} {error}") + 1;
            // No node answered (it is gone): the next step tries the other one, as a load balancer would.
            if (exception is HttpRequestException { StatusCode: null }) _node = (_node + 1) % _nodes.Count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _inbox.Writer.TryComplete();
        if (_hub is not null) await _hub.DisposeAsync();
        try { await _pump; } catch (OperationCanceledException) { }
        _http.Dispose();
    }

    private async Task JoinInTurnAsync()
    {
        var afterSeq = Replica.ContiguousSeq;
        var afterChange = Replica.Cursor;
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_nodes[_node], "/hubs/chat"), HttpTransportType.WebSockets, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(AccessToken);
                options.SkipNegotiation = true;
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions = ResilientChatClient.Json)
            .Build();
        hub.On<ChatMessage>("MessageReceived", m => _inbox.Writer.TryWrite(m));
        hub.On<MessageChange[]>("MessagesChanged", changes =>
        {
            foreach (var change in changes) _inbox.Writer.TryWrite(change);
        });
        hub.Closed += error =>
        {
            if (!_away && !_stopping.IsCancellationRequested && ReferenceEquals(_hub, hub))
            {
                Interlocked.Increment(ref Reconnects);
                _ = ConnectAsync();
            }
            return Task.CompletedTask;
        };
        try
        {
            await hub.StartAsync(_stopping.Token);
            var returning = _joined;
            var snapshot = await hub.InvokeAsync<RoomSnapshot>("JoinRoom", RoomId, returning ? afterSeq : (long?)null, _stopping.Token);
            if (snapshot.Changes is { Count: > 0 } pushedBefore) Log($"the join's node pushed changes {pushedBefore[0].ChangeSeq} to {pushedBefore[^1].ChangeSeq} before it listened");
            Replica.Joined(snapshot, held: returning);
            // Held from here on: a join that fails after this point is retried as a return from what the replica holds.
            _joined = true;
            if (snapshot.HasMore) await FillMessagesAsync();
            if (returning)
            {
                var before = Replica.Cursor;
                await FillChangesAsync(afterChange, hub);
                ChangesCaughtUpOnReturn += (int)Math.Max(0, snapshot.LastChange - afterChange);
                Log($"back after seq {afterSeq} and change {afterChange}: snapshot to seq {snapshot.LastSeq}, lastChange {snapshot.LastChange}");
            }
            Replica.Reached(snapshot.LastChange);
            _hub = hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies pushes in arrival order, each in turn, filling what a jump shows is missing first.</summary>
    private async Task PumpAsync()
    {
        await foreach (var item in _inbox.Reader.ReadAllAsync(_stopping.Token))
        {
            await _turn.WaitAsync(_stopping.Token);
            try
            {
                switch (item)
                {
                    case ChatMessage message:
                        if (Replica.Misses(message)) await FillMessagesAsync();
                        Replica.Add([message]);
                        break;
                    case MessageChange change:
                        if (change.ChangeSeq <= Replica.Cursor) Log($"pushed change {change.ChangeSeq} at or below the cursor {Replica.Cursor}");
                        if (Replica.Misses(change)) await FillChangesAsync(Replica.Cursor, hub: null);
                        Replica.Apply(change);
                        break;
                }
            }
            catch (Exception exception) when (!_stopping.IsCancellationRequested)
            {
                // The fill failed (the cluster is busy): the next push shows the gap again, and a return fills it.
                Log($"a fill failed ({exception.GetType().Name}: {First(exception.Message)})");
            }
            finally
            {
                _turn.Release();
            }
        }
    }

    private async Task FillMessagesAsync()
    {
        while (true)
        {
            var page = await GetAsync<MessagePage>($"/api/rooms/{RoomId}/messages?after={Replica.ContiguousSeq}&limit=200");
            Replica.Add(page.Messages);
            if (!page.HasMore || page.Messages.Count == 0) return;
        }
    }

    /// <summary>The changes after <paramref name="after"/>, over the hub when given, else over REST.</summary>
    private async Task FillChangesAsync(long after, HubConnection? hub)
    {
        while (true)
        {
            var page = hub is not null
                ? await hub.InvokeAsync<ChangePage>("GetChanges", RoomId, after, _stopping.Token)
                : await GetAsync<ChangePage>($"/api/rooms/{RoomId}/changes?after={after}");
            Log($"changes after {after} ({(hub is null ? "REST" : "hub")}): {page.Changes.Count}" +
                (page.Changes.Count > 0 ? $" from {page.Changes[0].ChangeSeq} to {page.Changes[^1].ChangeSeq}" : "") + $", hasMore {page.HasMore}, lastChange {page.LastChange}");
            Replica.Apply(page.Changes);
            if (!page.HasMore || page.Changes.Count == 0) return;
            after = page.Changes[^1].ChangeSeq;
        }
    }

    private async Task<T> GetAsync<T>(string path)
    {
        var response = await _http.GetAsync(Url(path), _stopping.Token);
        await SucceedAsync(response);
        return (await response.Content.ReadFromJsonAsync<T>(ResilientChatClient.Json, _stopping.Token))!;
    }

    private static async Task SucceedAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {First(await response.Content.ReadAsStringAsync())}", null, response.StatusCode);
        }
    }

    private Uri Url(string path) => new(_nodes[_node], path);

    private void Log(string what)
    {
        lock (Journal) Journal.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
    }

    private static string First(string text) => text.Length <= 160 ? text : text[..160];
}
