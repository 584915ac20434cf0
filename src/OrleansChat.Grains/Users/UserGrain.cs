using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Grains.Persistence;

namespace OrleansChat.Grains.Users;

/// <summary>
/// A user: profile and rooms persist; presence follows the connections web nodes report. Status changes are
/// told to every room the user is in, and to the support desks an agent works, one way, so a busy room or desk
/// never holds up a user.
/// </summary>
public sealed class UserGrain : Grain, IUserGrain
{
    private readonly IPersistentState<UserState> _state;
    private readonly TimeProvider _clock;
    private readonly ILogger<UserGrain> _logger;
    private readonly ConnectionRegistry _connections;
    private readonly TimeSpan _nodeExpiry;
    private PresenceStatus _status = PresenceStatus.Offline;
    private bool _away;
    private IGrainTimer? _expiryTimer;

    public UserGrain(
        [PersistentState("user", ChatStorage.Name)] IPersistentState<UserState> state,
        IOptions<PresenceOptions> options,
        TimeProvider clock,
        ILogger<UserGrain> logger)
    {
        _state = state;
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

    public async Task Connect(ChatUser profile, string nodeId, string connectionId, long version)
    {
        await UpdateProfile(profile);
        _connections.Add(nodeId, connectionId, version);
        await RefreshStatusAsync();
    }

    public Task Disconnect(string nodeId, string connectionId, long version)
    {
        _connections.Remove(nodeId, connectionId, version);
        return RefreshStatusAsync();
    }

    public Task Heartbeat(string nodeId, IReadOnlyList<string> connectionIds, long version)
    {
        _connections.Renew(nodeId, connectionIds, version);
        return RefreshStatusAsync();
    }

    public Task SetStatus(PresenceStatus status)
    {
        if (status == PresenceStatus.Offline) throw ChatException.Invalid("Status must be online or away.");
        _away = status == PresenceStatus.Away;
        return RefreshStatusAsync();
    }

    public Task<PresenceChanged> GetPresence() => Task.FromResult(CurrentPresence());

    public Task<IReadOnlyList<string>> GetRooms() => Task.FromResult<IReadOnlyList<string>>(_state.State.Rooms.Order().ToArray());

    public async Task AddRoom(string roomId)
    {
        if (_state.State.Rooms.Add(roomId)) await _state.WriteStateAsync();
    }

    public async Task RemoveRoom(string roomId)
    {
        if (_state.State.Rooms.Remove(roomId)) await _state.WriteStateAsync();
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
        foreach (var roomId in _state.State.Rooms)
        {
            _ = GrainFactory.GetGrain<IRoomGrain>(roomId).OnPresenceChanged(presence);
        }
        foreach (var siteId in _state.State.Desks) _ = TellDeskAsync(siteId);
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
