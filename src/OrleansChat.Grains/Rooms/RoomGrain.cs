using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using OrleansChat.Contracts;
using OrleansChat.Grains.Files;
using OrleansChat.Grains.Members;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Persistence;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A room: what never changes after creation persists as grain state; members, read cursors and the access revision
/// are rows of the room directory, read once per activation and changed a row at a time; messages go to the message
/// log (the truth), with a window of recent ones in memory. Reentrant so that sends can batch while a write is in
/// flight; every turn still runs alone, and state writes go one at a time through <see cref="CoalescedStateWriter"/>.
/// This file holds the lifecycle, creation and storage; membership, messages, and live state (typing, presence,
/// observers) have files of their own.
/// </summary>
[Reentrant]
public sealed partial class RoomGrain : Grain, IRoomGrain
{
    private readonly IPersistentState<RoomState> _state;
    private readonly IMessageLog _log;
    private readonly IChangeLog _changeLog;
    private readonly IFileCatalog _files;
    private readonly IRoomDirectory _directory;
    private readonly RoomOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<RoomGrain> _logger;
    private readonly CoalescedStateWriter _writer;
    private readonly MessageWindow _window;
    private readonly GroupCommit<MessageDraft, AppendOutcome> _commit;
    private readonly GroupCommit<ChangeRequest, ChangeOutcome> _changes;
    private readonly ChangePushes _changePushes;
    private readonly TypingTracker _typing;
    private readonly ObserverManager<IRoomObserver> _observers;
    private readonly Dictionary<string, PresenceStatus> _presence = new(StringComparer.Ordinal);
    private long _revisionsHandedOut;

    public RoomGrain(
        [PersistentState("room", ChatStorage.Name)] IPersistentState<RoomState> state,
        IMessageLog log,
        IChangeLog changeLog,
        IFileCatalog files,
        IRoomDirectory directory,
        IOptions<RoomOptions> options,
        TimeProvider clock,
        ILogger<RoomGrain> logger)
    {
        _state = state;
        _log = log;
        _changeLog = changeLog;
        _files = files;
        _directory = directory;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _writer = new CoalescedStateWriter(WriteStateAsync, () => _state.ReadStateAsync(), DeactivateOnIdle);
        _window = new MessageWindow(_options.WindowSize);
        _commit = new(AppendBatchAsync, _options.MaxBatchSize);
        _changes = new(ApplyChangesAsync, _options.MaxBatchSize);
        _changePushes = new(changes => Broadcast((o, revision) => o.OnChanges(RoomId, revision, changes)), clock, _options.ChangePushInterval);
        _typing = new TypingTracker(clock, _options.TypingTimeout);
        _observers = new ObserverManager<IRoomObserver>(_options.ObserverExpiry, logger);
    }

    private string RoomId => this.GetPrimaryKeyString();
    private RoomState Room => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => StoreLoading.LoadAsync(async () =>
    {
        await LoadMembersAsync(cancellationToken);
        await LoadRecentMessagesAsync(cancellationToken);
        _lastChange = await _changeLog.GetLastChangeAsync(RoomId, cancellationToken);
        RetellDesk();
        if (Room.Created && _members.Count <= _options.PresenceLookupLimit)
        {
            await LoadPresenceAsync();
        }
    }, _logger, $"room {RoomId}");

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _observers.Clear();
        await StopObservedAsync(cancellationToken);
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

    /// <summary>
    /// The rows first (the room's and its members', replacing any an earlier failed try left), then the state that
    /// says the room exists. The other order could store a room without members, for good. A failure in between
    /// leaves rows of a room that was never created: its would-be members' lists may name it (opening it answers
    /// not found, and nothing of it can be read) until the next creation under that id replaces them.
    /// </summary>
    private async Task CreateAsync(IReadOnlyList<(ChatUser User, MemberRole Role)> members)
    {
        Room.Created = true;
        Room.CreatedAt = _clock.GetUtcNow();
        try
        {
            var records = members.Select(m => new MemberRecord(m.User.UserId, m.User.DisplayName, m.Role, 0, Room.CreatedAt)).ToArray();
            await _directory.CreateAsync(new RoomRecord(RoomId, Room.Name, Room.Kind, Room.Visibility, Room.CreatedAt), records);
            await _writer.SaveAsync();
            foreach (var record in records) _members[record.UserId] = record;
            await AnnounceJoinedAsync(records);
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

    /// <summary>Completes once the room's state, as it is now, is stored (a write in flight may yet fail and be read back).</summary>
    private Task StoredOrUnavailableAsync() => StorageOrUnavailableAsync(_writer.StoredAsync());

    /// <summary>
    /// Stores the state. On failure memory never runs ahead of storage: the writer reads the stored state back (the
    /// activation, and the web nodes subscribed to it, stay), or, if it cannot, this activation goes.
    /// </summary>
    private Task SaveOrReloadAsync() => StorageOrUnavailableAsync(_writer.SaveAsync());

    private async Task StorageOrUnavailableAsync(Task storing)
    {
        try
        {
            await storing;
        }
        catch (Exception exception)
        {
            RoomMetrics.StorageFailed("state");
            _logger.LogError(exception, "Storing room {RoomId} failed", RoomId);
            throw ChatException.Unavailable("Room storage is unavailable; nothing was changed. Retry later.");
        }
    }

    private Task WriteStateAsync() => _state.WriteStateAsync();

    private Room Describe(bool withMembers) => new(RoomId, Room.Name, Room.Kind, Room.Visibility, Room.CreatedAt, _lastSeq,
        withMembers ? ListMembers() : null);

    private IReadOnlyList<Member> ListMembers() =>
        _members.Values.Select(ToMember).OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ToArray();

    private Member ToMember(MemberRecord member) => new(member.UserId, member.DisplayName, member.Role,
        _presence.GetValueOrDefault(member.UserId, PresenceStatus.Offline), member.ReadSeq, MutedUntil(member.UserId));

    private bool IsMember(string userId) => _members.ContainsKey(userId);

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
        if (IsMember(userId)) return;
        RequireNotVisitor(userId);
        RequireNotBanned(userId);
        if (Room.Visibility != RoomVisibility.Public) throw ChatException.Forbidden($"You are not a member of room '{RoomId}'.");
    }

    private void RequireModerator(ChatUser actor)
    {
        var isOwner = _members.TryGetValue(actor.UserId, out var member) && member.Role == MemberRole.Owner;
        if (!isOwner && !(actor.Role == UserRole.Admin && ActsForSite(actor)))
        {
            throw ChatException.Forbidden("Only the room's owner or an admin may do that.");
        }
    }
}
