namespace OrleansChat.Client;

/// <summary>A room the application joined: what it was given of the room, guarded by one gate so that deliveries stay in order.</summary>
internal sealed class JoinedRoom(string roomId)
{
    public string RoomId { get; } = roomId;

    /// <summary>Held while the room's state changes and its events are raised: one delivery at a time, in order.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public RoomTimeline Timeline { get; } = new();

    public ChangeCursor Changes { get; } = new();

    /// <summary>Set while a deferred gap fill is on its way, so that a burst of early messages asks once.</summary>
    public int FillScheduled;

    /// <summary>Set while this connection's own leave is on its way: the server's word that the user is out is its answer.</summary>
    public volatile bool Leaving;

    /// <summary>Set while a rejoin for a new epoch is on its way, so that a burst of the epoch's messages starts one.</summary>
    public int RestartScheduled;
}
