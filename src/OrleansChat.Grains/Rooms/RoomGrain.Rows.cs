using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Members;

namespace OrleansChat.Grains.Rooms;

// The room's rows in the room directory: members, read cursors and access revision, loaded once per activation
// (after moving what older releases kept in the state), and how long web nodes have listened to the room.
public sealed partial class RoomGrain
{
    private readonly Dictionary<string, MemberRecord> _members = new(StringComparer.Ordinal);
    private long _accessRevision;
    private DateTimeOffset _observedUntil = DateTimeOffset.MinValue;

    private async Task LoadMembersAsync(CancellationToken cancellationToken)
    {
        if (!Room.Created) return;
        if (Room.Members.Count > 0 || Room.AccessRevision > 0) await MoveStateIntoRowsAsync(cancellationToken);
        await ReadMembersAsync(cancellationToken);
    }

    /// <summary>
    /// A room stored by an older release kept members, read cursors and its access revision in its state (the
    /// migration moved those it found; an older silo may have written more since). They go into rows, then out of
    /// the state: until that write succeeds the activation fails, so no member is removed meanwhile whom a later
    /// move could bring back. A stale older silo cannot write them back: its version of the state is behind.
    /// </summary>
    private async Task MoveStateIntoRowsAsync(CancellationToken cancellationToken)
    {
        var members = Room.Members.Select(m => new MemberRecord(m.Key, m.Value.DisplayName, m.Value.Role, m.Value.ReadSeq, m.Value.JoinedAt)).ToArray();
        await _directory.ImportAsync(new RoomRecord(RoomId, Room.Name, Room.Kind, Room.Visibility, Room.CreatedAt), Room.AccessRevision, members, cancellationToken);
        Room.Members.Clear();
        Room.AccessRevision = 0;
        await _state.WriteStateAsync();
    }

    private async Task ReadMembersAsync(CancellationToken cancellationToken)
    {
        var stored = await _directory.ReadAsync(RoomId, cancellationToken);
        _members.Clear();
        foreach (var member in stored.Members) _members[member.UserId] = member;
        _accessRevision = Math.Max(stored.AccessRevision, _revisionsHandedOut);
        await LoadModerationAsync(cancellationToken);
    }

    /// <summary>After a write whose outcome is unknown, memory follows the rows again; if they cannot be read, this activation goes.</summary>
    private async Task ReloadMembersAsync()
    {
        try
        {
            await ReadMembersAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Reading the members of room {RoomId} back failed; the activation ends", RoomId);
            _members.Clear();
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Presence reaches only rooms that web nodes listen to (others have nobody to tell, and would be activated for
    /// nothing; a join's snapshot brings presence anyway). The room's row says until when someone listens: a lease,
    /// renewed once half of it has passed, so a busy room writes it rarely.
    /// </summary>
    private async Task KeepObservedAsync()
    {
        var now = _clock.GetUtcNow();
        if (!Room.Created || _observedUntil - now > _options.ObservedLease / 2) return;
        var wasObserved = _observedUntil > now;
        _observedUntil = now + _options.ObservedLease;
        try
        {
            await _directory.ObserveAsync(RoomId, _observedUntil);
        }
        catch (Exception exception)
        {
            // Presence is best effort: the next renewal tries again.
            _observedUntil = DateTimeOffset.MinValue;
            _logger.LogWarning(exception, "Recording that room {RoomId} is listened to failed", RoomId);
            return;
        }
        // A member whose presence changed while nobody listened did not tell this room (their lookup of listened-to
        // rooms came before this lease): now that someone listens, ask them. A member sets their status before that
        // lookup, so either the lookup saw the lease or this sees the status.
        if (!wasObserved) await CatchUpPresenceAsync();
    }

    /// <summary>A room that goes has no listeners: presence stops reaching it (its lease would end by itself otherwise).</summary>
    private async Task StopObservedAsync(CancellationToken cancellationToken)
    {
        if (_observedUntil <= _clock.GetUtcNow()) return;
        try
        {
            await _directory.ObserveAsync(RoomId, DateTimeOffset.UnixEpoch, cancellationToken);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Recording that room {RoomId} is no longer listened to failed", RoomId);
        }
    }
}
