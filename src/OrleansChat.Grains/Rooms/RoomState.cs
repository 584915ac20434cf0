using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

// Stored as JSON: renaming these types or properties breaks stored rooms. Messages live in the log, not here.

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
    public Dictionary<string, MemberState> Members { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Raised whenever someone stops being allowed to read the room (see <c>RoomAdmission</c>).</summary>
    public long AccessRevision { get; set; }
}

public sealed class MemberState
{
    public string DisplayName { get; set; } = "";
    public MemberRole Role { get; set; }
    public long ReadSeq { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
