namespace OrleansChat.Bench.Load;

/// <summary>How many connections, spread evenly over how many rooms (connection i is in room i mod rooms).</summary>
public sealed record LoadShape(int Connections, int Rooms)
{
    public int MembersPerRoom => Connections / Rooms;

    public int RoomOf(int connection) => connection % Rooms;

    /// <summary>The connection that sends a room's n-th message: members take turns.</summary>
    public int SenderOf(int room, long nth) => (int)(room + (nth % MembersPerRoom) * Rooms);

    public static string RoomId(int room) => $"bench-room-{room}";

    public static string UserId(int connection) => $"bench-user-{connection}";
}
