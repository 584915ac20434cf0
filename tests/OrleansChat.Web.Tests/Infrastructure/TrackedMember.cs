using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Testing;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// A member of one room as a randomized run drives it: one hub connection at a time, each join of it judged on its
/// own (<see cref="PushLedger"/>, before any dedupe), anything pushed while the member was out counted as a leak,
/// and everything it was given (snapshots, pushes, backfill) kept by seq for the final comparison with the log.
/// </summary>
public sealed class TrackedMember(ChatTestClient client, string roomId) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, ChatMessage> _held = [];
    private readonly List<PushLedger> _sessions = [];
    private Connection? _connection;
    private int _leaks;
    private readonly List<string> _story = [];

    public ChatTestClient Client => client;
    public string UserId => client.UserId;
    public ChatTestClient.LiveConnection? Live { get; private set; }

    public TestWebNode? ConnectedTo { get; private set; }

    /// <summary>Whether the room holds this member (as far as the run knows: the last change it made was stored).</summary>
    public bool InRoom { get; private set; } = true;

    private int _removals;
    private int _removalsBeforeLastLetIn;
    private int _memberLeftEvents;

    /// <summary>Whether the live connection has joined since it opened or since the member was last let in.</summary>
    public bool Listening { get; private set; }

    public int Leaks => _leaks;

    /// <summary>What happened to this member's connections, for a failure's report.</summary>
    public string Story
    {
        get
        {
            lock (_lock) return string.Join(" ", _story);
        }
    }

    public void Note(string what)
    {
        lock (_lock) _story.Add(what);
    }

    public (int Pushes, int Duplicates, int Gaps) Pushes
    {
        get
        {
            lock (_lock) return _sessions.Select(s => s.Judge()).Aggregate((0, 0, 0), (sum, s) => (sum.Item1 + s.Pushes, sum.Item2 + s.Duplicates, sum.Item3 + s.Gaps));
        }
    }

    public long ContiguousSeq
    {
        get
        {
            lock (_lock)
            {
                long seq = 0;
                while (_held.ContainsKey(seq + 1)) seq++;
                return seq;
            }
        }
    }

    public IReadOnlyList<ChatMessage> Held
    {
        get
        {
            lock (_lock) return [.. _held.Values];
        }
    }

    public async Task ConnectAsync(TestWebNode node)
    {
        var live = await client.ConnectAsync(node);
        // Each connection's events are judged against that connection's own join, whatever happens to the next.
        var connection = new Connection();
        live.Hub.On<ChatMessage>("MessageReceived", message =>
        {
            lock (_lock)
            {
                if (message.RoomId != roomId || connection.Closed) return;
                if (connection.Session is null)
                {
                    _leaks++;
                    _story.Add($"LEAK {message.Seq}");
                }
                else
                {
                    connection.Session.Pushed(message.Seq);
                    _story.Add($"{message.Seq}");
                }
                _held.TryAdd(message.Seq, message);
            }
        });
        live.Hub.On<MemberLeft>("MemberLeft", left =>
        {
            if (left.RoomId != roomId || left.UserId != UserId) return;
            lock (_lock)
            {
                // Each removal is told once; one told after the member was let in again (and may have joined since)
                // is about an earlier time and ends nothing now.
                if (++_memberLeftEvents <= _removalsBeforeLastLetIn)
                {
                    _story.Add("MemberLeft (of an earlier removal)");
                    return;
                }
                connection.Session = null;
                _story.Add("MemberLeft");
            }
            Listening = false;
        });
        lock (_lock)
        {
            _connection = connection;
            _story.Add($"connected to {node.BaseAddress.Port}");
        }
        Live = live;
        ConnectedTo = node;
        Listening = false;
    }

    /// <summary>The run removed the member from the room.</summary>
    public void Removed()
    {
        lock (_lock) _removals++;
        InRoom = false;
    }

    /// <summary>The run let the member in again: the removals before this are over, whenever they are told.</summary>
    public void LetIn()
    {
        lock (_lock) _removalsBeforeLastLetIn = _removals;
        InRoom = true;
    }

    /// <summary>Joins on the live connection with what it holds; a refused join leaves it out (and hearing nothing).</summary>
    public async Task<bool> JoinAsync()
    {
        var session = new PushLedger();
        var connection = _connection!;
        lock (_lock)
        {
            connection.Session = session;
            _sessions.Add(session);
        }
        try
        {
            var snapshot = await Live!.JoinRoomAsync(roomId, ContiguousSeq);
            lock (_lock)
            {
                _story.Add($"joined at {snapshot.LastSeq}");
                session.Joined(snapshot.LastSeq);
                foreach (var message in snapshot.Messages) _held.TryAdd(message.Seq, message);
            }
            Listening = true;
            return true;
        }
        catch (Exception)
        {
            lock (_lock)
            {
                if (connection.Session == session) connection.Session = null;
                _sessions.Remove(session);
                _leaks += session.Judge().Pushes;
            }
            return false;
        }
    }

    public async Task DisconnectAsync()
    {
        if (Live is null) return;
        lock (_lock) _connection!.Closed = true;
        await Live.Hub.DisposeAsync();
        Live = null;
        ConnectedTo = null;
        Listening = false;
    }

    /// <summary>Fetches over REST what it does not hold, up to the room's last seq.</summary>
    public async Task BackfillAsync(long lastSeq)
    {
        while (ContiguousSeq < lastSeq)
        {
            var page = (await client.Http.GetFromJsonAsync<MessagePage>($"/api/rooms/{roomId}/messages?after={ContiguousSeq}&limit=200", ChatTestClient.Json))!;
            if (page.Messages.Count == 0) return;
            lock (_lock)
            {
                foreach (var message in page.Messages) _held.TryAdd(message.Seq, message);
            }
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private sealed class Connection
    {
        public PushLedger? Session { get; set; }
        public bool Closed { get; set; }
    }
}
