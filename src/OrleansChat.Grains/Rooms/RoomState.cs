using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

// Stored as JSON: renaming these types or properties breaks stored rooms. Messages live in the log, members and read
// cursors in the room directory's rows, not here.

public sealed class RoomState
{
    public bool Created { get; set; }
    public string Name { get; set; } = "";
    public RoomKind Kind { get; set; }
    public RoomVisibility Visibility { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The site a support room serves; empty for other rooms.</summary>
    public string SiteId { get; set; } = "";
    /// <summary>The visitor a support room serves; empty for other rooms (and support rooms created before it was kept).</summary>
    public string VisitorId { get; set; } = "";
    /// <summary>
    /// Where rooms created before membership rows kept their members: moved into rows on the room's first activation
    /// (see <c>RoomGrain.Rows</c>) and empty from then on.
    /// </summary>
    public Dictionary<string, MemberState> Members { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Where such rooms kept their access revision, moved with the members; the room's row holds it now.</summary>
    public long AccessRevision { get; set; }
}

public sealed class MemberState
{
    public string DisplayName { get; set; } = "";
    public MemberRole Role { get; set; }
    public long ReadSeq { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
