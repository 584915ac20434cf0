using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

// Live, unpersisted state: web nodes' subscriptions, typing and who is online.
public sealed partial class RoomGrain
{
    private IGrainTimer? _typingTimer;

    public async Task<RoomSubscription> Subscribe(IRoomObserver observer, long? afterSeq, long? afterChange)
    {
        _observers.Subscribe(observer, observer);
        await KeepObservedAsync();
        var missed = afterSeq is { } after && after < _lastSeq
            ? await ReadPageAsync(new HistoryQuery(null, after, _options.SnapshotPageSize))
            : new MessagePage([], false, _lastSeq, _epoch, _firstSeq);
        var missedChanges = await ReadChangesAsync(afterChange ?? _lastChange, _options.SnapshotPageSize);
        return new RoomSubscription(missed, _accessRevision, missedChanges);
    }

    public Task<ListenerCheck> WhoMayListen(IReadOnlyList<string> userIds)
    {
        // A desk channel has no members: its listeners are the agents the web tier attached by their token's site.
        var allowed = SupportChannel.IsChannel(RoomId) ? userIds : userIds.Where(IsMember).ToArray();
        return Task.FromResult(new ListenerCheck(allowed, _accessRevision));
    }

    public Task Unsubscribe(IRoomObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task SetTyping(ChatUser user, bool isTyping)
    {
        RequireMember(user.UserId);
        if (_typing.Set(user, isTyping)) NotifyTyping(user, isTyping);
        if (_typing.IsEmpty)
        {
            _typingTimer?.Dispose();
            _typingTimer = null;
        }
        else
        {
            var tick = _options.TypingTimeout / 5;
            _typingTimer ??= this.RegisterGrainTimer(ExpireTyping, new GrainTimerCreationOptions(tick, tick) { Interleave = true });
        }
        return Task.CompletedTask;
    }

    public Task PublishSupportChanged(SupportChanged change)
    {
        Broadcast((o, revision) => o.OnSupportChanged(RoomId, revision, change));
        return Task.CompletedTask;
    }

    public Task OnPresenceChanged(PresenceChanged presence)
    {
        if (IsMember(presence.UserId))
        {
            _presence[presence.UserId] = presence.Status;
            if (PushesMemberEvents) Broadcast((o, revision) => o.OnPresence(RoomId, revision, presence));
        }
        return Task.CompletedTask;
    }

    /// <summary>Whether joins and presence changes are pushed to every member (<see cref="RoomOptions.MemberEventsUpTo"/>).</summary>
    private bool PushesMemberEvents => _members.Count <= _options.MemberEventsUpTo;

    private Task ExpireTyping()
    {
        foreach (var user in _typing.RemoveExpired()) NotifyTyping(user, isTyping: false);
        if (_typing.IsEmpty)
        {
            _typingTimer?.Dispose();
            _typingTimer = null;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Tells each subscribed web node once, naming the room's access revision. Observer calls are one-way: nothing
    /// here waits on a node.
    /// </summary>
    private void Broadcast(Func<IRoomObserver, long, Task> send)
    {
        var revision = _accessRevision;
        _observers.Notify(observer => { _ = send(observer, revision); });
    }

    private void NotifyTyping(ChatUser user, bool isTyping)
    {
        var typing = new TypingChanged(RoomId, user.UserId, user.DisplayName, isTyping);
        Broadcast((o, revision) => o.OnTyping(revision, typing));
    }

    /// <summary>Asks the members for their presence and tells the listeners of each that changed.</summary>
    private async Task CatchUpPresenceAsync()
    {
        if (_members.Count > _options.PresenceLookupLimit) return;
        var lookups = _members.Keys.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetPresence());
        PresenceChanged[] found;
        try
        {
            found = await Task.WhenAll(lookups);
        }
        catch (Exception exception)
        {
            // Presence is best effort: the subscription stands, and members' next changes come through.
            _logger.LogWarning(exception, "Asking the members of room {RoomId} for their presence failed", RoomId);
            return;
        }
        foreach (var presence in found)
        {
            if (!IsMember(presence.UserId) || _presence.GetValueOrDefault(presence.UserId, PresenceStatus.Offline) == presence.Status) continue;
            _presence[presence.UserId] = presence.Status;
            Broadcast((o, revision) => o.OnPresence(RoomId, revision, presence));
        }
    }

    private async Task LoadPresenceAsync()
    {
        var lookups = _members.Keys.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetPresence());
        foreach (var presence in await Task.WhenAll(lookups))
        {
            _presence[presence.UserId] = presence.Status;
        }
    }
}
