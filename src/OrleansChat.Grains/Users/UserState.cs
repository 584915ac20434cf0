using OrleansChat.Contracts;

namespace OrleansChat.Grains.Users;

// Stored as JSON: renaming these types or properties breaks stored users. Presence is never stored, nor the user's
// rooms: the room directory's member rows are those.
public sealed class UserState
{
    public string? DisplayName { get; set; }
    public UserRole Role { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>The support desks (site ids) this agent works, told of each change of their presence.</summary>
    public HashSet<string> Desks { get; set; } = new(StringComparer.Ordinal);
}
