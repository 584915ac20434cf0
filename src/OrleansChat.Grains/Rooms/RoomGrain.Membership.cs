using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

// Membership: who may join, adding and removing members, and telling the web nodes when someone may no longer read.
public sealed partial class RoomGrain
{
    public async Task<RoomAdmission> Join(ChatUser user, long? afterSeq)
    {
        RequireCreated();
        // Access first: a refused caller must not learn even the room's last seq from a later check.
        RequireMayJoin(user);
        // Past the end is no error: the seq is of an epoch before a restore, and the latest page lets the client start over.
        if (afterSeq is < 0) throw ChatException.Invalid("afterSeq must be 0 or more.");
        if (await JoinAsync(user) && Room.Kind == RoomKind.Support)
        {
            // An agent who steps into a visitor's conversation has taken it: the desk hears of it, one way.
            _ = GrainFactory.GetGrain<ISupportDeskGrain>(Room.SiteId).OnAgentJoined(RoomId, user);
        }
        // Admitted only as stored: a membership whose write is still in flight may yet be read back away.
        await StoredOrUnavailableAsync();
        var page = await ReadPageAsync(new HistoryQuery(null, afterSeq, _options.SnapshotPageSize));
        if (!Room.Members.TryGetValue(user.UserId, out var member)) throw ChatException.Forbidden($"Room '{RoomId}' is private.");
        var members = ListMembers();
        var snapshot = new RoomSnapshot(Describe(withMembers: false) with { Members = members }, members, page.Messages,
            page.LastSeq, member.ReadSeq, page.HasMore, page.Epoch);
        return new RoomAdmission(snapshot, Room.AccessRevision);
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
        var others = Room.Members.Keys.Where(id => id != agent?.UserId && id != visitorId).ToArray();
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

    private async Task AddMembersAsync(IReadOnlyList<(ChatUser User, MemberRole Role)> members)
    {
        // The users' room lists first: if storing the room then fails, a list names a room its user is not in,
        // which listing skips; the other order could leave a member whose list never shows the room.
        var users = members.Select(m => GrainFactory.GetGrain<IUserGrain>(m.User.UserId)).ToArray();
        await Task.WhenAll(users.Select(user => user.AddRoom(RoomId)));
        var now = _clock.GetUtcNow();
        foreach (var (user, role) in members)
        {
            Room.Members[user.UserId] = new MemberState { DisplayName = user.DisplayName, Role = role, JoinedAt = now };
        }
        await SaveOrReloadAsync();
        foreach (var presence in await Task.WhenAll(users.Select(user => user.GetPresence())))
        {
            _presence[presence.UserId] = presence.Status;
        }
        foreach (var (user, _) in members)
        {
            // Someone may have removed them meanwhile (the room is reentrant): then there is nothing to tell.
            if (!Room.Members.TryGetValue(user.UserId, out var member)) continue;
            var joined = new MemberJoined(RoomId, ToMember(user.UserId, member));
            Broadcast((o, revision) => o.OnMemberJoined(revision, joined));
        }
    }

    /// <summary>
    /// Takes members out and raises the access revision in the same write, then tells the web nodes, which stop
    /// relaying the room to those users' connections. A revision raised by a write that then failed may have reached
    /// nodes: the highest handed out is remembered beyond the read-back (and revisions follow the clock across
    /// activations), so none is handed out twice.
    /// </summary>
    private async Task RemoveMembersAsync(IReadOnlyList<string> userIds)
    {
        foreach (var userId in userIds)
        {
            Room.Members.Remove(userId);
            _presence.Remove(userId);
        }
        Room.AccessRevision = Math.Max(Math.Max(Room.AccessRevision, _revisionsHandedOut) + 1, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        _revisionsHandedOut = Room.AccessRevision;
        await SaveOrReloadAsync();
        foreach (var userId in userIds)
        {
            var left = new MemberLeft(RoomId, userId);
            Broadcast((o, revision) => o.OnMemberLeft(revision, left));
        }
        // The rooms lists last, and only as a courtesy: one that still names a room its user left is skipped when listed.
        try
        {
            await Task.WhenAll(userIds.Select(userId => GrainFactory.GetGrain<IUserGrain>(userId).RemoveRoom(RoomId)));
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Removing room {RoomId} from its former members' lists failed", RoomId);
        }
    }
}
