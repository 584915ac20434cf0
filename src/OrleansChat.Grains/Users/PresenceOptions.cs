namespace OrleansChat.Grains.Users;

/// <summary>Presence tuning, under <c>Chat:Presence</c>.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Chat:Presence";

    /// <summary>A web node's connections count only while it heart-beats within this time.</summary>
    public TimeSpan NodeExpiry { get; set; } = TimeSpan.FromSeconds(90);
}
