using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

// Changes to messages, relayed as messages are: in change order, exactly once, a jump filled from the room first. A
// connection that joined with a snapshot beyond the node's count may be pushed a change its snapshot holds, which
// clients skip by the message's change seq.
internal sealed partial class LocalRoom
{
    /// <summary>The highest change seq relayed with nothing missing below it.</summary>
    private long _relayedChange;

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
        await hub.Clients.Group(Group).MessagesChanged(next);
        _relayedChange = next[^1].ChangeSeq;
    }
}
