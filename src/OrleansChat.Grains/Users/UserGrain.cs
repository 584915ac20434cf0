using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Grains.Members;
using OrleansChat.Grains.Persistence;

namespace OrleansChat.Grains.Users;

/// <summary>
/// A user: the profile persists; presence follows the connections web nodes report. Status changes are told to the
/// rooms the user is in that web nodes listen to (found with one query of the room directory), and to the support
/// desks an agent works, one way, so a busy room or desk never holds up a user.
/// </summary>
public sealed class UserGrain : Grain, IUserGrain
{
    private readonly IPersistentState<UserState> _state;
    private readonly IRoomDirectory _directory;
    private readonly TimeProvider _clock;
    private readonly ILogger<UserGrain> _logger;
    private readonly ConnectionRegistry _connections;
    // Each web node's observer, sent with its reports (never persisted: nodes send them again after a reactivation).
    private readonly Dictionary<string, IUserObserver> _nodes = new(StringComparer.Ordinal);
    private readonly TimeSpan _nodeExpiry;
    private PresenceStatus _status = PresenceStatus.Offline;
    private bool _away;
    private IGrainTimer? _expiryTimer;

    public UserGrain(
        [PersistentState("user", ChatStorage.Name)] IPersistentState<UserState> state,
        IRoomDirectory directory,
        IOptions<PresenceOptions> options,
        TimeProvider clock,
        ILogger<UserGrain> logger)
    {
        _state = state;
        _directory = directory;
        _clock = clock;
        _logger = logger;
        _nodeExpiry = options.Value.NodeExpiry;
        _connections = new ConnectionRegistry(clock, _nodeExpiry);
    }

    private string UserId => this.GetPrimaryKeyString();

    public Task<ChatUser?> GetProfile() => Task.FromResult(
        _state.State.DisplayName is { } name ? new ChatUser(UserId, name, _state.State.Role) : null);

    public async Task UpdateProfile(ChatUser profile)
    {
        if (_state.State.DisplayName == profile.DisplayName && _state.State.Role == profile.Role) return;
        _state.State.DisplayName = profile.DisplayName;
        _state.State.Role = profile.Role;
        await _state.WriteStateAsync();
    }

    public async Task Connect(ChatUser profile, string nodeId, string connectionId, long version, IUserObserver? node = null)
    {
        await UpdateProfile(profile);
        _connections.Add(nodeId, connectionId, version);
        if (node is not null) _nodes[nodeId] = node;
        await RefreshStatusAsync();
    }

    public Task Disconnect(string nodeId, string connectionId, long version)
    {
        _connections.Remove(nodeId, connectionId, version);
        return RefreshStatusAsync();
    }

    public Task Heartbeat(string nodeId, IReadOnlyList<string> connectionIds, long version, IUserObserver? node = null)
    {
        _connections.Renew(nodeId, connectionIds, version);
        if (node is not null) _nodes[nodeId] = node;
        return RefreshStatusAsync();
    }

    public Task NotifyMentioned(Mentioned mention)
    {
        _connections.RemoveExpired();
        foreach (var nodeId in _connections.NodesWithConnections)
        {
            if (_nodes.TryGetValue(nodeId, out var node)) node.OnMentioned(UserId, mention);
        }
        return Task.CompletedTask;
    }

    public Task SetStatus(PresenceStatus status)
    {
        if (status == PresenceStatus.Offline) throw ChatException.Invalid("Status must be online or away.");
        _away = status == PresenceStatus.Away;
        return RefreshStatusAsync();
    }

    public Task<PresenceChanged> GetPresence() => Task.FromResult(CurrentPresence());

    public async Task<IReadOnlyList<Room>> ListRooms()
    {
        try
        {
            return [.. (await _directory.ListRoomsAsync(UserId)).OrderBy(room => room.Name, StringComparer.OrdinalIgnoreCase)];
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Listing the rooms of {UserId} failed", UserId);
            throw ChatException.Unavailable("Room storage is unavailable. Retry later.");
        }
    }

    public async Task WorkDesk(string siteId)
    {
        if (_state.State.Desks.Add(siteId)) await _state.WriteStateAsync();
    }

    private PresenceChanged CurrentPresence() => new(UserId, _status,
        _status == PresenceStatus.Offline ? _state.State.LastSeenAt : _clock.GetUtcNow());

    private async Task RefreshStatusAsync()
    {
        _connections.RemoveExpired();
        var holding = _connections.NodesWithConnections.ToHashSet(StringComparer.Ordinal);
        foreach (var nodeId in _nodes.Keys.Where(id => !holding.Contains(id)).ToArray()) _nodes.Remove(nodeId);
        if (_connections.IsEmpty) _away = false;
        var status = _connections.IsEmpty ? PresenceStatus.Offline : _away ? PresenceStatus.Away : PresenceStatus.Online;
        KeepExpiryTimer();
        if (status == _status) return;

        _status = status;
        if (status == PresenceStatus.Offline)
        {
            _state.State.LastSeenAt = _clock.GetUtcNow();
            try
            {
                await _state.WriteStateAsync();
            }
            catch (Exception exception)
            {
                // Last seen is a courtesy: the change of status still goes out.
                _logger.LogWarning(exception, "Storing last seen of {UserId} failed", UserId);
            }
        }
        var presence = CurrentPresence();
        await TellRoomsAsync(presence);
        foreach (var siteId in _state.State.Desks) _ = TellDeskAsync(siteId);
    }

    /// <summary>
    /// One query finds the rooms to tell: those the user is in that web nodes listen to. The others have nobody to
    /// tell, and a join's snapshot brings presence with it; telling them would activate each one for nothing.
    /// </summary>
    private async Task TellRoomsAsync(PresenceChanged presence)
    {
        IReadOnlyList<string> roomIds;
        try
        {
            roomIds = await _directory.ListObservedRoomsAsync(UserId, _clock.GetUtcNow());
        }
        catch (Exception exception)
        {
            // Presence is best effort: the status changed all the same.
            _logger.LogWarning(exception, "Finding the rooms of {UserId} to tell of their presence failed", UserId);
            return;
        }
        foreach (var roomId in roomIds) _ = GrainFactory.GetGrain<IRoomGrain>(roomId).OnPresenceChanged(presence);
    }

    /// <summary>
    /// Not awaited: the desk may be assigning this agent a conversation, which calls back into this grain.
    /// The hub tells the desk as well when the agent connects or sets a status; this covers lapses and restarts.
    /// </summary>
    private async Task TellDeskAsync(string siteId)
    {
        try
        {
            var agent = new ChatUser(UserId, _state.State.DisplayName ?? UserId, _state.State.Role, siteId);
            await GrainFactory.GetGrain<ISupportDeskGrain>(siteId).RefreshAgent(agent);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Telling desk {SiteId} of the presence of {UserId} failed", siteId, UserId);
        }
    }

    /// <summary>While anyone is connected, a timer lets silent nodes' connections lapse.</summary>
    private void KeepExpiryTimer()
    {
        if (_connections.IsEmpty)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = null;
        }
        else
        {
            var tick = _nodeExpiry / 3;
            _expiryTimer ??= this.RegisterGrainTimer(RefreshStatusAsync, new GrainTimerCreationOptions(tick, tick));
        }
    }
}
