namespace OrleansChat.Grains.Webhooks;

/// <summary>Outgoing webhooks, under <c>Chat:Webhooks</c> (docs/support.md).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Chat:Webhooks";

    /// <summary>The wait after a first failed attempt; it doubles with every further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A delivery still failing this long after its event is marked failed, and the next of its conversation goes.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long one attempt may take, connecting included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a dispatcher with pending deliveries looks for due ones.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Plain http endpoints: unset, allowed only in the Development environment.</summary>
    public bool? AllowHttp { get; set; }

    /// <summary>Endpoints on loopback, private or link-local addresses (off: a site cannot make the silo call its own network).</summary>
    public bool AllowPrivateNetworks { get; set; }

    public int MaxEndpointsPerSite { get; set; } = 10;
}
