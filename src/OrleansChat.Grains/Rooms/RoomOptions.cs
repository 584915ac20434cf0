namespace OrleansChat.Grains.Rooms;

/// <summary>Room grain tuning, under <c>Chat:Rooms</c>.</summary>
public sealed class RoomOptions
{
    public const string SectionName = "Chat:Rooms";

    /// <summary>Recent messages kept in memory per active room.</summary>
    public int WindowSize { get; set; } = 256;

    /// <summary>
    /// At most one push of changes to messages per this time: a storm of reactions reaches each connection as a few
    /// lists a second rather than a send per reaction (a quiet room's change goes at once).
    /// </summary>
    public TimeSpan ChangePushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Most drafts written to the log in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Messages in a join snapshot without <c>afterSeq</c>, and at most with it.</summary>
    public int SnapshotPageSize { get; set; } = 50;

    /// <summary>Typing ends by itself this long after the last "typing".</summary>
    public TimeSpan TypingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A web node's subscription lapses unless renewed within this time.</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long a room counts as listened to after a web node subscribed: presence changes reach it meanwhile. Renewed
    /// once half has passed; a room that deactivates ends it.
    /// </summary>
    public TimeSpan ObservedLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>On activation, members' presence is looked up for rooms up to this size; larger rooms learn it as it changes.</summary>
    public int PresenceLookupLimit { get; set; } = 200;

    /// <summary>
    /// Rooms of up to this many members push every join and presence change to every member. Larger rooms do not:
    /// each would be a push per member, and a room filling up would cost the square of its size (5,000 joins, 12.5
    /// million pushes). Their member lists, with presence, are read over REST; everything else is pushed as usual.
    /// </summary>
    public int MemberEventsUpTo { get; set; } = 1000;
}
