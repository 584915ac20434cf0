using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// One room as this web node relays it. Everything that reaches the room's local connections passes through here,
/// one step at a time:
/// <list type="bullet">
/// <item>connections join only once the room has admitted their user, and leave at once on every revocation;</item>
/// <item>messages go out in seq order and exactly once: the node keeps the highest seq it relayed with nothing
/// missing below it, drops what it relayed already, and fills a jump from the room before going on; changes to
/// messages the same way by their change seq (see <c>LocalRoom.Changes</c>);</item>
/// <item>seqs count within the message log's epoch: a message or page of another epoch (a restore) restarts the
/// count where the new epoch is, rather than being dropped as relayed already;</item>
/// <item>every event names the room's access revision: one the node has not applied means someone lost access,
/// so it asks the room which of its listeners may still read before relaying anything.</item>
/// </list>
/// </summary>
internal sealed partial class LocalRoom(
    string roomId, IRoomGrain room, IRoomObserver observer, IHubContext<ChatHub, IChatClient> hub, RealtimeMetrics metrics,
    Action<LocalRoom> closed, ILogger logger)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly AssistantStreams _assistantStreams = new();
    private readonly Dictionary<string, string> _userByConnection = new(StringComparer.Ordinal);
    // Connections whose join snapshot reached further than this node had relayed: messages up to that seq skip them.
    private readonly Dictionary<string, long> _snapshotEnds = new(StringComparer.Ordinal);
    private bool _subscribed;
    private bool _closed;
    private long _relayedSeq;
    private long _epoch;
    private long _accessRevision;

    public string RoomId => roomId;

    // Each kind of group begins with its own word, before the id: ids may hold ':', and a kind after the id let a
    // room named '<id>:changes' share the group of another room's changes.
    private string Group => "messages/" + roomId;

    /// <summary>
    /// Adds a connection whose user the room admitted with a snapshot up to <paramref name="snapshotSeq"/> of the log's
    /// <paramref name="snapshotEpoch"/> (null: no snapshot, as for a desk channel) at <paramref name="accessRevision"/>,
    /// and that takes changes <paramref name="coalesced"/> or not. Returns where pushes to the connection begin (what
    /// lies between the snapshot and it is the caller's to catch up from the log), or null when this object closed
    /// meanwhile.
    /// </summary>
    public async Task<PushedAfter?> AttachAsync(string connectionId, string userId, long snapshotSeq, long? snapshotEpoch, long accessRevision, bool coalesced)
    {
        await _turn.WaitAsync();
        try
        {
            if (_closed) return null;
            if (!_subscribed) await SubscribeAsync();
            // The room answered just now in another epoch: this node is the one behind a restore.
            if (snapshotEpoch is { } epoch) Enter(epoch, snapshotSeq);
            // A revocation between the admission and now (perhaps of this very user) is applied first.
            if (accessRevision != _accessRevision && !(await RecheckAsync(userId)).Contains(userId))
            {
                throw ChatException.Forbidden($"You are no longer a member of room '{roomId}'.");
            }
            var listening = !_userByConnection.TryAdd(connectionId, userId);
            if (!listening) await ListenAsync(connectionId, coalesced);
            // Also for a connection that joins again while attached: pushes must not repeat its new snapshot.
            if (snapshotSeq > _relayedSeq) _snapshotEnds[connectionId] = Math.Max(snapshotSeq, _snapshotEnds.GetValueOrDefault(connectionId));
            // One that was listening already was pushed all the node relayed since its snapshot: a top-up would repeat it.
            return listening ? PushedAfter.Snapshot : new PushedAfter(Math.Max(_relayedSeq, snapshotSeq), _relayedChange);
        }
        finally
        {
            await CloseIfEmptyAsync();
            _turn.Release();
        }
    }

    /// <summary>Stops relaying to a connection; the last one to go unsubscribes the node.</summary>
    public async Task DetachAsync(string connectionId)
    {
        await _turn.WaitAsync();
        try
        {
            if (_userByConnection.Remove(connectionId))
            {
                _snapshotEnds.Remove(connectionId);
                await StopListeningAsync(connectionId);
            }
        }
        finally
        {
            await CloseIfEmptyAsync();
            _turn.Release();
        }
    }

    public Task RelayMessagesAsync(long accessRevision, IReadOnlyList<ChatMessage> messages) => InTurnAsync(async () =>
    {
        if (!await ApplyAsync(accessRevision)) return;
        // A batch of a new epoch is relayed from its first message; what came before it in that epoch, clients that
        // see the epoch change read from the log themselves.
        Enter(messages[0].Epoch, messages[0].Seq - 1);
        if (messages[^1].Seq <= _relayedSeq) return;
        if (messages.First(m => m.Seq > _relayedSeq).Seq > _relayedSeq + 1)
        {
            // Something before this batch never reached the node (or is still on its way): the log has it.
            try
            {
                await CatchUpAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Filling a gap after seq {Seq} of room {RoomId} failed; the renewal fills it", _relayedSeq, roomId);
                return;
            }
        }
        await SendAsync(messages);
    });

    /// <summary>Relays a room event other than messages and changes to the room's local listeners.</summary>
    public Task RelayAsync(long accessRevision, Func<IChatClient, Task> send) => InTurnAsync(async () =>
    {
        if (await ApplyAsync(accessRevision)) await send(hub.Clients.Group(Group));
    });

    /// <summary>
    /// Relays that a member left, unless the room has let them back in since: Orleans does not keep one-way calls in
    /// order, so the event can arrive after the re-admission (and after the member's connection joined again), and
    /// would tell everyone, the member too, that someone in the room is out of it.
    /// </summary>
    public Task RelayMemberLeftAsync(long accessRevision, MemberLeft left) => InTurnAsync(async () =>
    {
        if (!await ApplyAsync(accessRevision)) return;
        if ((await RecheckAsync(left.UserId)).Contains(left.UserId)) return;
        await hub.Clients.Group(Group).MemberLeft(left);
    });

    /// <summary>
    /// Relays news of a member who is in the room (joined, changed), unless it comes from another access revision and
    /// they are out of it now: such an event can arrive after their <c>MemberLeft</c>, and would put them back on
    /// everyone's list.
    /// </summary>
    public Task RelayAboutMemberAsync(long accessRevision, string userId, Func<IChatClient, Task> send) => InTurnAsync(async () =>
    {
        if (await ApplyAsync(accessRevision, mayListen: userId)) await send(hub.Clients.Group(Group));
    });

    /// <summary>Relays a piece of an assistant's answer once the pieces before it went out.</summary>
    public Task RelayAssistantDeltaAsync(long accessRevision, AssistantDelta delta) => InTurnAsync(async () =>
    {
        if (!await ApplyAsync(accessRevision)) return;
        foreach (var ready in _assistantStreams.Accept(delta)) await hub.Clients.Group(Group).AssistantDelta(ready);
    });

    /// <summary>Renews the node's subscription and relays, in order, whatever the room has after what the node relayed.</summary>
    public Task RenewAsync() => InTurnAsync(CatchUpAsync);

    private async Task InTurnAsync(Func<Task> step)
    {
        await _turn.WaitAsync();
        try
        {
            // Not yet subscribed: the first attach is about to subscribe, and whatever the room sent before that
            // its snapshot or the subscription covers.
            if (!_subscribed || _closed) return;
            try
            {
                await step();
            }
            finally
            {
                await CloseIfEmptyAsync();
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task SubscribeAsync()
    {
        var subscription = await room.Subscribe(observer, afterSeq: null, afterChange: null);
        _relayedSeq = subscription.Missed.LastSeq;
        _relayedChange = subscription.MissedChanges?.LastChange ?? 0;
        _epoch = subscription.Missed.Epoch;
        _accessRevision = subscription.AccessRevision;
        _subscribed = true;
    }

    private async Task CatchUpAsync()
    {
        while (true)
        {
            var subscription = await room.Subscribe(observer, _relayedSeq, _relayedChange);
            if (!await ApplyAsync(subscription.AccessRevision)) return;
            var missed = subscription.Missed;
            // Asked after a seq of the old epoch: the room answers from where the new one is, or with nothing past its end.
            Enter(missed.Epoch, missed.Messages.Count > 0 ? missed.Messages[0].Seq - 1 : missed.LastSeq);
            // History archived meanwhile below what the node missed begins later: what lay below was archived, not lost
            // (clients read firstSeq so), and waiting for it would stop the room's relaying for good. (Enter has made
            // the page's epoch the node's.)
            _relayedSeq = Math.Max(_relayedSeq, missed.FirstSeq - 1);
            await SendAsync(missed.Messages);
            var missedChanges = subscription.MissedChanges;
            if (missedChanges is not null) await SendChangesAsync(missedChanges.Changes);
            var moreMessages = missed.HasMore && missed.Messages.Count > 0;
            var moreChanges = missedChanges is { HasMore: true, Changes.Count: > 0 };
            if (!moreMessages && !moreChanges) return;
        }
    }

    /// <summary>
    /// Seqs of <paramref name="epoch"/> arrive. In a new epoch (a restore) the count of relayed seqs restarts after
    /// <paramref name="seq"/>; join snapshots' ends counted in the old one, so they go (a connection may be pushed a
    /// message its snapshot held, which clients drop by seq). Epoch 0 is a silo from before epochs, in a rolling
    /// upgrade: it numbers the same log, so its seqs and the first epoch's count on together.
    /// </summary>
    private void Enter(long epoch, long seq)
    {
        if (epoch == _epoch || epoch == 0) return;
        if (_epoch == 0)
        {
            _epoch = epoch;
            return;
        }
        logger.LogInformation("Room {RoomId} is in a new message log epoch; relaying restarts after seq {Seq}", roomId, seq);
        _epoch = epoch;
        _relayedSeq = seq;
        // The restored log numbers its changes anew: relayed again from its first, clients skip what they hold.
        _relayedChange = 0;
        _snapshotEnds.Clear();
    }

    /// <summary>Relays, in seq order, the messages that follow what was relayed; stops at a jump.</summary>
    private async Task SendAsync(IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.Seq <= _relayedSeq) continue;
            if (message.Seq != _relayedSeq + 1) return;
            var holding = _snapshotEnds.Where(e => e.Value >= message.Seq).Select(e => e.Key).ToArray();
            var clients = holding.Length == 0 ? hub.Clients.Group(Group) : hub.Clients.GroupExcept(Group, holding);
            await clients.MessageReceived(message);
            metrics.Pushed(message, _userByConnection.Count - holding.Length);
            _relayedSeq = message.Seq;
            _assistantStreams.Passed(message);
            foreach (var (connectionId, _) in _snapshotEnds.Where(e => e.Value <= _relayedSeq).ToArray()) _snapshotEnds.Remove(connectionId);
        }
    }

    /// <summary>
    /// With no listener left, the node unsubscribes, then forgets the room (a later join opens it afresh). In that
    /// order and inside the turn: a join waiting for this turn finds it closed and opens a new one, whose subscription
    /// no late unsubscription can cancel (the node has one observer reference for every room).
    /// </summary>
    private async Task CloseIfEmptyAsync()
    {
        if (_closed || _userByConnection.Count > 0) return;
        _closed = true;
        if (_subscribed)
        {
            try
            {
                await room.Unsubscribe(observer);
            }
            catch (Exception exception)
            {
                // Harmless: the room lets the subscription lapse by itself.
                logger.LogDebug(exception, "Unsubscribing from room {RoomId} failed", roomId);
            }
        }
        closed(this);
    }
}
