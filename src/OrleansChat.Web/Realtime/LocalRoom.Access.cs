using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

// Who may listen: every event names the room's access revision, and one the node has not applied is checked with the
// room before anything is relayed; users who lost access are let go at once.
internal sealed partial class LocalRoom
{
    /// <summary>
    /// False when nothing may be relayed now: the revision could not be applied, or <paramref name="mayListen"/> (an
    /// event's subject) is out of the room at the revision applied. Any revision other than the node's is checked, not
    /// only a higher one: an event can overtake another, and a room that lost a revision it had handed out (its write
    /// failed) and moved to another silo can hand out a lower one next.
    /// </summary>
    private async Task<bool> ApplyAsync(long accessRevision, string? mayListen = null)
    {
        if (accessRevision == _accessRevision) return true;
        try
        {
            var allowed = await RecheckAsync(mayListen);
            return mayListen is null || allowed.Contains(mayListen);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Checking the listeners of room {RoomId} failed; its events wait for the next one", roomId);
            return false;
        }
    }

    /// <summary>Asks the room which local listeners (and <paramref name="alsoAsk"/>) may read it; lets the others go.</summary>
    private async Task<HashSet<string>> RecheckAsync(string? alsoAsk)
    {
        var users = _userByConnection.Values.Append(alsoAsk).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var check = await room.WhoMayListen(users);
        var allowed = check.Allowed.ToHashSet(StringComparer.Ordinal);
        foreach (var userId in users.Where(u => !allowed.Contains(u))) await RevokeAsync(userId);
        _accessRevision = check.AccessRevision;
        return allowed;
    }

    /// <summary>
    /// Tells a user's connections here that they are out of the room, as any member hears it (<c>MemberLeft</c>) and as
    /// only they do (<c>RoomLeft</c>, which a client needs no user id to read), and stops relaying to them.
    /// </summary>
    private async Task RevokeAsync(string userId)
    {
        var connections = _userByConnection.Where(c => c.Value == userId).Select(c => c.Key).ToArray();
        if (connections.Length == 0) return;
        foreach (var connectionId in connections)
        {
            _userByConnection.Remove(connectionId);
            _snapshotEnds.Remove(connectionId);
            await StopListeningAsync(connectionId);
        }
        var clients = hub.Clients.Clients(connections);
        await clients.MemberLeft(new MemberLeft(roomId, userId));
        await clients.RoomLeft(new RoomLeft(roomId));
    }
}
