namespace OrleansChat.Contracts;

/// <summary>
/// What a site's desk knows for when its team is away (key: site id): its business hours, set by the site's admins,
/// and the addresses its agents are alerted at. A site without hours is always within them.
/// </summary>
public interface ISupportHoursGrain : IGrainWithStringKey
{
    Task<BusinessHours?> GetHours();

    /// <summary>Replaces the hours (null: always open); the site's admins only.</summary>
    Task<BusinessHours?> SetHours(ChatUser admin, BusinessHours? hours);

    /// <summary>Whether the site is within its hours at <paramref name="instant"/>, and when it next opens.</summary>
    Task<HoursDecision> DecideAt(DateTimeOffset instant);

    /// <summary>Sets (or, null, removes) the address an agent is alerted at of new waiting conversations while no agent is online.</summary>
    Task SetAgentEmail(ChatUser agent, string? email);

    /// <summary>The agent's alert address, if they gave one.</summary>
    Task<string?> GetAgentEmail(ChatUser agent);

    /// <summary>Every alert address the site's agents gave.</summary>
    Task<IReadOnlyList<string>> GetAlertAddresses();
}
