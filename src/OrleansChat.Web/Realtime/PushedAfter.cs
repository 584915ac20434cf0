namespace OrleansChat.Web.Realtime;

/// <summary>
/// Where a newly attached connection's pushes begin: messages after <see cref="Seq"/> and changes after
/// <see cref="Change"/>. What lies between its snapshot and these is the joining code's to top up from the room.
/// </summary>
public sealed record PushedAfter(long Seq, long Change)
{
    /// <summary>The connection listened throughout: pushes bring all that follows its snapshot, nothing to top up.</summary>
    public static readonly PushedAfter Snapshot = new(0, 0);
}
