using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Persistence;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A room: membership and room state persist as one small row; messages go to the message log (the truth),
/// with a window of recent ones in memory. Reentrant so that sends can batch while a write is in flight; every
/// turn still runs alone, and state writes go one at a time through <see cref="CoalescedStateWriter"/>.
/// This file holds the lifecycle and membership; messages, and live state (typing, presence, observers) have
/// files of their own.
/// </summary>
[Reentrant]
public sealed partial class RoomGrain : Grain, IRoomGrain
{
    private readonly IPersistentState<RoomState> _state;
    private readonly IMessageLog _log;
    private readonly RoomOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<RoomGrain> _logger;
    private readonly CoalescedStateWriter _writer;
    private readonly MessageWindow _window;
    private readonly GroupCommit _commit;
    private readonly TypingTracker _typing;
    private readonly ObserverManager<IRoomObserver> _observers;
    private readonly Dictionary<string, PresenceStatus> _presence = new(StringComparer.Ordinal);
    private long _revisionsHandedOut;

    public RoomGrain(
        [PersistentState("room", ChatStorage.Name)] IPersistentState<RoomState> state,
        IMessageLog log,
        IOptions<RoomOptions> options,
        TimeProvider clock,
        ILogger<RoomGrain> logger)
    {
        _state = state;
        _log = log;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _writer = new CoalescedStateWriter(WriteStateAsync, () => _state.ReadStateAsync(), DeactivateOnIdle);
        _window = new MessageWindow(_options.WindowSize);
        _commit = new GroupCommit(AppendBatchAsync, _options.MaxBatchSize);
        _typing = new TypingTracker(clock, _options.TypingTimeout);
        _observers = new ObserverManager<IRoomObserver>(_options.ObserverExpiry, logger);
    }

    private string RoomId => this.GetPrimaryKeyString();
    private RoomState Room => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadRecentMessagesAsync(cancellationToken);
        if (Room.Created && Room.Members.Count <= _options.PresenceLookupLimit)
        {
            await LoadPresenceAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _observers.Clear();
        return Task.CompletedTask;
    }

    public async Task<Room> CreateGroup(ChatUser owner, NewRoom room)
    {
        if (Room.Created) throw ChatException.Conflict($"Room '{RoomId}' already exists.");
        // A desk channel carries a site's support events to its agents: it must never become a room others can join.
        if (SupportChannel.IsChannel(RoomId)) throw ChatException.Invalid($"'{RoomId}' is reserved.");
        if (owner.Role == UserRole.Visitor) throw ChatException.Forbidden("Visitors cannot create rooms.");
        Room.Name = room.Name;
        Room.Kind = RoomKind.Group;
        Room.Visibility = room.Visibility;
        await CreateAsync([(owner, MemberRole.Owner)]);
        return Describe(withMembers: true);
    }

    public async Task<Room> EnsureDirect(ChatUser first, ChatUser second)
    {
        // A site's visitor talks to the site's team in their support room, not to anyone they can name.
        if (first.Role == UserRole.Visitor || second.Role == UserRole.Visitor) throw ChatException.Forbidden("Visitors have no direct rooms.");
        if (!Room.Created)
        {
            Room.Name = $"{first.DisplayName}, {second.DisplayName}";
            Room.Kind = RoomKind.Direct;
            Room.Visibility = RoomVisibility.Private;
            await CreateAsync([(first, MemberRole.Member), (second, MemberRole.Member)]);
        }
        else if (Room.Kind != RoomKind.Direct || !IsMember(first.UserId) || !IsMember(second.UserId))
        {
            throw ChatException.Conflict($"Room '{RoomId}' is not the direct room of these users.");
        }
        return Describe(withMembers: true);
    }

    public async Task<Room> EnsureSupport(ChatUser visitor, string siteId)
    {
        if (!Room.Created)
        {
            Room.Name = "Support";
            Room.Kind = RoomKind.Support;
            Room.Visibility = RoomVisibility.Private;
            Room.SiteId = siteId;
            Room.VisitorId = visitor.UserId;
            await CreateAsync([(visitor, MemberRole.Member)]);
        }
        else if (Room.Kind != RoomKind.Support || Room.SiteId != siteId || !IsMember(visitor.UserId))
        {
            throw ChatException.Forbidden($"Room '{RoomId}' is not this visitor's support room.");
        }
        return Describe(withMembers: true);
    }

    public Task<Room> Describe(string userId)
    {
        RequireReadable(userId);
        return Task.FromResult(Describe(withMembers: true));
    }

    public Task<Room> Summarize(string userId)
    {
        RequireMember(userId);
        var unread = Math.Max(0, _lastSeq - Room.Members[userId].ReadSeq);
        return Task.FromResult(Describe(withMembers: false) with { UnreadCount = unread });
    }

    public async Task<RoomAdmission> Join(ChatUser user, long? afterSeq)
    {
        RequireCreated();
        // Access first: a refused caller must not learn even the room's last seq from a later check.
        RequireMayJoin(user);
        if (afterSeq is < 0 || afterSeq > _lastSeq)
        {
            throw ChatException.Invalid($"afterSeq must be between 0 and the room's last seq ({_lastSeq}).");
        }
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
            page.LastSeq, member.ReadSeq, page.HasMore);
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

    private async Task CreateAsync(IReadOnlyList<(ChatUser User, MemberRole Role)> members)
    {
        Room.Created = true;
        Room.CreatedAt = _clock.GetUtcNow();
        try
        {
            await AddMembersAsync(members);
        }
        catch (Exception exception)
        {
            // Not created: the id stays free for the next try, in this activation and the one that reloads.
            _state.State = new RoomState();
            DeactivateOnIdle();
            if (exception is ChatException) throw;
            _logger.LogError(exception, "Creating room {RoomId} failed", RoomId);
            throw ChatException.Unavailable("The room could not be created now; nothing was changed. Retry later.");
        }
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
    /// Members may come back; others may join by themselves public group rooms, and support rooms if they are admins
    /// or the site's agents (the support desk decides which agent answers; any of them may step in). Agents whose
    /// token names no site are the host application's own, for every site.
    /// </summary>
    private void RequireMayJoin(ChatUser user)
    {
        var mayJoin = IsMember(user.UserId) || Room.Kind switch
        {
            RoomKind.Group => Room.Visibility == RoomVisibility.Public,
            RoomKind.Support => user.Role == UserRole.Admin || (user.Role == UserRole.Agent && (user.SiteId ?? Room.SiteId) == Room.SiteId),
            _ => false,
        };
        if (!mayJoin) throw ChatException.Forbidden($"Room '{RoomId}' is private.");
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

    private async Task StoredOrUnavailableAsync()
    {
        try
        {
            await _writer.StoredAsync();
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Room {RoomId} read its stored state back", RoomId);
            throw ChatException.Unavailable("Room storage is unavailable. Retry later.");
        }
    }

    /// <summary>
    /// Stores the state. On failure memory never runs ahead of storage: the writer reads the stored state back (the
    /// activation, and the web nodes subscribed to it, stay), or, if it cannot, this activation goes.
    /// </summary>
    private async Task SaveOrReloadAsync()
    {
        try
        {
            await _writer.SaveAsync();
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Storing room {RoomId} failed; its stored state is read back", RoomId);
            throw ChatException.Unavailable("Room storage is unavailable; nothing was changed. Retry later.");
        }
    }

    private Task WriteStateAsync() => _state.WriteStateAsync();

    private Room Describe(bool withMembers) => new(RoomId, Room.Name, Room.Kind, Room.Visibility, Room.CreatedAt, _lastSeq,
        withMembers ? ListMembers() : null);

    private IReadOnlyList<Member> ListMembers() =>
        Room.Members.Select(m => ToMember(m.Key, m.Value)).OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ToArray();

    private Member ToMember(string userId, MemberState member) => new(userId, member.DisplayName, member.Role,
        _presence.GetValueOrDefault(userId, PresenceStatus.Offline), member.ReadSeq);

    private bool IsMember(string userId) => Room.Members.ContainsKey(userId);

    private void RequireCreated()
    {
        if (!Room.Created) throw ChatException.NotFound($"Room '{RoomId}' does not exist.");
    }

    private void RequireMember(string userId)
    {
        RequireCreated();
        if (!IsMember(userId)) throw ChatException.Forbidden($"You are not a member of room '{RoomId}'.");
    }

    private void RequireReadable(string userId)
    {
        RequireCreated();
        if (Room.Visibility != RoomVisibility.Public && !IsMember(userId))
        {
            throw ChatException.Forbidden($"You are not a member of room '{RoomId}'.");
        }
    }

    private void RequireModerator(ChatUser actor)
    {
        var isOwner = Room.Members.TryGetValue(actor.UserId, out var member) && member.Role == MemberRole.Owner;
        if (!isOwner && actor.Role != UserRole.Admin)
        {
            throw ChatException.Forbidden("Only the room's owner or an admin may do that.");
        }
    }
}
