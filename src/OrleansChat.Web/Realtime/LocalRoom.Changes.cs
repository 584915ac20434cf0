using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

// Changes to messages, relayed as messages are: in change order, exactly once, a jump filled from the room first. A
// connection that joined with a snapshot beyond the node's count may be pushed a change its snapshot holds, which
// clients skip by the message's change seq. Every listener is in the room's group, for everything else, and in one of
// two groups for changes: every change, or changes coalesced (see CoalescedChanges).
internal sealed partial class LocalRoom
{
    /// <summary>The highest change seq relayed with nothing missing below it.</summary>
    private long _relayedChange;
    private readonly HashSet<string> _coalescing = new(StringComparer.Ordinal);

    private string ChangesGroup(bool coalesced) => (coalesced ? "coalesced-changes/" : "changes/") + roomId;

    private async Task ListenAsync(string connectionId, bool coalesced)
    {
        if (coalesced) _coalescing.Add(connectionId);
        await hub.Groups.AddToGroupAsync(connectionId, Group);
        await hub.Groups.AddToGroupAsync(connectionId, ChangesGroup(coalesced));
    }

    private async Task StopListeningAsync(string connectionId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, Group);
        await hub.Groups.RemoveFromGroupAsync(connectionId, ChangesGroup(_coalescing.Remove(connectionId)));
    }

    public Task RelayChangesAsync(long accessRevision, IReadOnlyList<MessageChange> changes) => InTurnAsync(async () =>
    {
        if (!await ApplyAsync(accessRevision)) return;
        if (changes[^1].ChangeSeq <= _relayedChange) return;
        // A gap in the changes, or a change to a message the node has not relayed yet (Orleans does not keep one-way
        // calls in order): clients would skip a change to a message they do not hold, then get the message as it
        // was. The room answers the messages in their current state, so they go first.
        if (changes.First(c => c.ChangeSeq > _relayedChange).ChangeSeq > _relayedChange + 1 || changes.Any(c => c.Seq > _relayedSeq))
        {
            try
            {
                await CatchUpAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Filling a gap after change {Change} of room {RoomId} failed; the renewal fills it", _relayedChange, roomId);
                return;
            }
        }
        await SendChangesAsync(changes);
    });

    /// <summary>
    /// Relays, in change order, the changes that follow what was relayed, up to a jump. One event for all of them: a
    /// storm of reactions costs a send per batch to each connection, not one per change.
    /// </summary>
    private async Task SendChangesAsync(IReadOnlyList<MessageChange> changes)
    {
        var next = new List<MessageChange>(changes.Count);
        foreach (var change in changes)
        {
            if (change.ChangeSeq <= _relayedChange + next.Count) continue;
            if (change.ChangeSeq != _relayedChange + next.Count + 1) break;
            next.Add(change);
        }
        if (next.Count == 0) return;
        if (_userByConnection.Count > _coalescing.Count) await hub.Clients.Group(ChangesGroup(coalesced: false)).MessagesChanged(next);
        if (_coalescing.Count > 0)
        {
            var listeners = _userByConnection.Values.ToHashSet(StringComparer.Ordinal);
            await hub.Clients.Group(ChangesGroup(coalesced: true)).MessagesChanged(CoalescedChanges.Of(next, _relayedChange, listeners));
        }
        _relayedChange = next[^1].ChangeSeq;
    }
}
