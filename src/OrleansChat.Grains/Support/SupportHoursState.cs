using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

// Stored as JSON: renaming these types or properties breaks stored settings.
public sealed class SupportHoursState
{
    /// <summary>Null: the site is always within its hours.</summary>
    public BusinessHours? Hours { get; set; }

    /// <summary>Agents' alert addresses, by agent id.</summary>
    public Dictionary<string, string> AgentEmails { get; set; } = new(StringComparer.Ordinal);
}
