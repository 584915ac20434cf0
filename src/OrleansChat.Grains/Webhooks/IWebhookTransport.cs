namespace OrleansChat.Grains.Webhooks;

/// <summary>Sends one attempt of a delivery, signed, within the configured timeout; never throws for the receiver's failures.</summary>
public interface IWebhookTransport
{
    Task<AttemptResult> SendAsync(DueDelivery delivery, CancellationToken cancellationToken = default);
}

/// <summary>The receiver's status code when it answered, and why the attempt failed when it did.</summary>
public sealed record AttemptResult(int? StatusCode, string? Error)
{
    public bool Received => Error is null && StatusCode is >= 200 and < 300;
}
