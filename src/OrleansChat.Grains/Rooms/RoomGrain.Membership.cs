using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Members;

namespace OrleansChat.Grains.Rooms;

// Membership: who may join, adding and removing members, and telling the web nodes when someone may no longer read.
public sealed partial class RoomGrain
{
    // Membership writes one at a time: a failed one reads memory back from the rows, which must not bring back a
    // member whose removal is still being written (the room is reentrant).
    private readonly SemaphoreSlim _membershipTurn = new(1, 1);

    public Task<RoomAdmission> Join(ChatUser user, long? afterSeq) => AdmitAsync(user, afterSeq, mayJoin: true);

    public Task<RoomAdmission> Rejoin(ChatUser user, long? afterSeq) => AdmitAsync(user, afterSeq, mayJoin: false);

    /// <summary>The snapshot a connection listens from; <paramref name="mayJoin"/>: a user who may join but is out, joins.</summary>
    private async Task<RoomAdmission> AdmitAsync(ChatUser user, long? afterSeq, bool mayJoin)
    {
        RequireCreated();
        // Access first: a refused caller must not learn even the room's last seq from a later check.
        if (mayJoin) RequireMayJoin(user);
        else RequireMember(user.UserId);
        // Past the end is no error: the seq is of an epoch before a restore, and the latest page lets the client start over.
        if (afterSeq is < 0) throw ChatException.Invalid("afterSeq must be 0 or more.");
        if (mayJoin && await JoinAsync(user) && Room.Kind == RoomKind.Support)
        {
            // An agent who steps into a visitor's conversation has taken it: the desk hears of it, one way.
            _ = GrainFactory.GetGrain<ISupportDeskGrain>(Room.SiteId).OnAgentJoined(RoomId, user);
        }
        // Admitted only once the room's creation is stored (a member's row is stored before memory names them): a
        // creation whose write is still in flight may yet be read back away.
        await StoredOrUnavailableAsync();
        // Taken before the page: a change stored while the page (or the joiner's reactions) is read may be missing from
        // its messages, and a lastChange that counted it would have the joiner skip it for good. Counted out, it reaches
        // the joiner later (the join's top-up, or a push), and one the page does hold is skipped by its changeSeq.
        var lastChange = _lastChange;
        var page = await ReadPageAsync(new HistoryQuery(null, afterSeq, _options.SnapshotPageSize));
        if (!_members.TryGetValue(user.UserId, out var member)) throw ChatException.Forbidden($"Room '{RoomId}' is private.");
        // Past the size where joins are pushed, a whole list per join would make a room filling up cost the square of
        // its size: the joiner learns only themselves and the count, and reads the rest over REST.
        IReadOnlyList<Member> members = PushesMemberEvents ? ListMembers() : [ToMember(member)];
        var snapshot = new RoomSnapshot(Describe(withMembers: false) with { Members = members }, members,
            await WithOwnReactionsAsync(user.UserId, page.Messages), page.LastSeq, member.ReadSeq, page.HasMore, page.Epoch, page.FirstSeq,
            lastChange, MemberCount: _members.Count);
        return new RoomAdmission(snapshot, _accessRevision);
    }

    public async Task AddMember(ChatUser actor, ChatUser member)
    {
        RequireCreated();
        if (member.UserId == actor.UserId)
        {
            await JoinAsync(actor);
            return;
        }
        if (Room.Kind != RoomKind.Group) throw ChatException.Invalid("Only group rooms take new members.");
        RequireModerator(actor);
        if (!IsMember(member.UserId)) await AddMembersAsync([(member, MemberRole.Member)]);
    }

    public async Task RemoveMember(ChatUser actor, string userId)
    {
        RequireCreated();
        if (userId != actor.UserId) RequireModerator(actor);
        if (Room.Kind == RoomKind.Direct) throw ChatException.Invalid("Direct rooms cannot be left.");
        if (!IsMember(userId))
        {
            if (userId == actor.UserId) return;
            throw ChatException.NotFound($"'{userId}' is not a member of room '{RoomId}'.");
        }
        await RemoveMembersAsync([userId]);
    }

    public async Task HandSupportTo(string visitorId, ChatUser? agent)
    {
        RequireCreated();
        if (Room.Kind != RoomKind.Support) throw ChatException.Invalid($"Room '{RoomId}' is not a support room.");
        if (agent is not null && !IsMember(agent.UserId)) await AddMembersAsync([(agent, MemberRole.Member)]);
        var others = _members.Keys.Where(id => id != agent?.UserId && id != visitorId).ToArray();
        if (others.Length > 0) await RemoveMembersAsync(others);
    }

    /// <summary>Makes the user a member (see <see cref="RequireMayJoin"/>); true when they are new here.</summary>
    private async Task<bool> JoinAsync(ChatUser user)
    {
        RequireMayJoin(user);
        if (IsMember(user.UserId)) return false;
        await AddMembersAsync([(user, MemberRole.Member)]);
        return true;
    }

    /// <summary>
    /// Members may come back; others may join by themselves public group rooms (visitors excepted: they keep to
    /// their support room), and support rooms if they are the site's agents or admins (the support desk decides which
    /// agent answers; any of them may step in). Agents and admins whose token names no site are the host
    /// application's own, for every site.
    /// </summary>
    private void RequireMayJoin(ChatUser user)
    {
        if (IsMember(user.UserId)) return;
        RequireNotVisitor(user.UserId);
        RequireNotBanned(user.UserId);
        var mayJoin = Room.Kind switch
        {
            RoomKind.Group => Room.Visibility == RoomVisibility.Public,
            RoomKind.Support => user.Role is UserRole.Agent or UserRole.Admin && ActsForSite(user),
            _ => false,
        };
        if (!mayJoin) throw ChatException.Forbidden($"Room '{RoomId}' is private.");
    }

    /// <summary>Whether a user's token is the host application's (no site) or names this room's site.</summary>
    private bool ActsForSite(ChatUser user) => user.SiteId is null || user.SiteId == Room.SiteId;

    private void RequireNotVisitor(string userId)
    {
        if (ChatUser.IsVisitorId(userId)) throw ChatException.Forbidden($"Visitors may use their support room only, not room '{RoomId}'.");
    }

    /// <summary>
    /// Stores the members' rows, then lets them in: memory never names a member whose row may not be stored. A user's
    /// room list is those rows, so it names the room as soon as they can read it.
    /// </summary>
    private async Task AddMembersAsync(IReadOnlyList<(ChatUser User, MemberRole Role)> members)
    {
        var now = _clock.GetUtcNow();
        var records = members.Select(m => new MemberRecord(m.User.UserId, m.User.DisplayName, m.Role, 0, now)).ToArray();
        MemberRecord[] added;
        await _membershipTurn.WaitAsync();
        try
        {
            // In the turn: a ban that got in while this waited keeps its user out.
            foreach (var record in records) RequireNotBanned(record.UserId);
            await StorageOrUnavailableAsync(_directory.AddMembersAsync(RoomId, records));
            // A member who joined twice at once keeps the row (and read cursor) stored first.
            added = records.Where(record => _members.TryAdd(record.UserId, record)).ToArray();
        }
        finally
        {
            _membershipTurn.Release();
        }
        await AnnounceJoinedAsync(added);
    }

    private async Task AnnounceJoinedAsync(IReadOnlyList<MemberRecord> members)
    {
        var users = members.Select(m => GrainFactory.GetGrain<IUserGrain>(m.UserId));
        foreach (var presence in await Task.WhenAll(users.Select(user => user.GetPresence())))
        {
            _presence[presence.UserId] = presence.Status;
        }
        if (!PushesMemberEvents) return;
        foreach (var record in members)
        {
            // Someone may have removed them meanwhile (the room is reentrant): then there is nothing to tell.
            if (!_members.TryGetValue(record.UserId, out var member)) continue;
            var joined = new MemberJoined(RoomId, ToMember(member));
            Broadcast((o, revision) => o.OnMemberJoined(revision, joined));
        }
    }

    /// <summary>
    /// Takes members out of memory and raises the access revision at once, so that from this turn on web nodes
    /// re-check who may listen and are told no for them; then deletes their rows and stores the revision in one
    /// transaction. If that fails, memory is read back from the rows (the removal may have landed or not), keeping the
    /// highest revision handed out, so none is handed out twice (revisions also follow the clock across activations;
    /// web nodes re-check at any revision other than theirs, so one that comes out lower is not missed). A ban stores
    /// its row in that transaction too (its own store, given the revision).
    /// </summary>
    private async Task RemoveMembersAsync(IReadOnlyList<string> userIds)
    {
        await _membershipTurn.WaitAsync();
        try
        {
            await RemoveMembersInTurnAsync(userIds);
        }
        finally
        {
            _membershipTurn.Release();
        }
    }

    private async Task RemoveMembersInTurnAsync(IReadOnlyList<string> userIds, Func<long, Task>? store = null)
    {
        foreach (var userId in userIds)
        {
            _members.Remove(userId);
            _presence.Remove(userId);
        }
        _accessRevision = Math.Max(Math.Max(_accessRevision, _revisionsHandedOut) + 1, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        _revisionsHandedOut = _accessRevision;
        try
        {
            await (store ?? (revision => _directory.RemoveMembersAsync(RoomId, userIds, revision)))(_accessRevision);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Removing members of room {RoomId} failed; its members are read back", RoomId);
            await ReloadMembersAsync();
            throw ChatException.Unavailable("Room storage is unavailable; nothing was changed. Retry later.");
        }
        foreach (var userId in userIds)
        {
            var left = new MemberLeft(RoomId, userId);
            Broadcast((o, revision) => o.OnMemberLeft(revision, left));
        }
    }
}
