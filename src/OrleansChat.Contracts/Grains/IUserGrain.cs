using Orleans.Concurrency;

namespace OrleansChat.Contracts;

/// <summary>
/// One user (key: user id). The profile persists; presence comes from the live connections that web nodes
/// report, and a node that stops heart-beating is forgotten.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>The profile as last seen in a token; null when the user never connected.</summary>
    Task<ChatUser?> GetProfile();

    Task UpdateProfile(ChatUser profile);

    // Each report names the node's version of its connections, which counts up with every connect and disconnect
    // there: reports that overtake each other are applied as the node saw them.

    /// <summary>A connection of the user opened on a node, whose observer hears what is meant for the user (null from nodes of earlier releases).</summary>
    Task Connect(ChatUser profile, string nodeId, string connectionId, long version, IUserObserver? node = null);

    Task Disconnect(string nodeId, string connectionId, long version);

    /// <summary>Renews a node's connections of this user, as of a version; also restores them after the grain was reactivated.</summary>
    Task Heartbeat(string nodeId, IReadOnlyList<string> connectionIds, long version, IUserObserver? node = null);

    /// <summary>A stored message names the user: their connections on every node hear of it, if they have any.</summary>
    [OneWay]
    Task NotifyMentioned(Mentioned mention);

    /// <summary>Sets <c>online</c> or <c>away</c>; while no connection is open the user stays offline.</summary>
    Task SetStatus(PresenceStatus status);

    [AlwaysInterleave]
    Task<PresenceChanged> GetPresence();

    /// <summary>The rooms the user is in, by name, each with its last seq and the user's unread count.</summary>
    Task<IReadOnlyList<Room>> ListRooms();

    /// <summary>
    /// This agent works a site's support desk: from now on every change of their presence reaches the desk, so
    /// that an agent whose web node died, or who comes back after a silo restart, is taken off or put back.
    /// </summary>
    Task WorkDesk(string siteId);
}
