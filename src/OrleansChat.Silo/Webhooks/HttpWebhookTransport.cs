using System.Net.Http.Headers;
using System.Text;
using OrleansChat.Grains.Webhooks;

namespace OrleansChat.Silo.Webhooks;

/// <summary>
/// Posts a delivery's body with its signature headers through the silo's <c>webhooks</c> client (no redirects, the
/// configured timeout, private networks refused unless allowed: see <see cref="WebhookHosting"/>).
/// </summary>
internal sealed class HttpWebhookTransport(IHttpClientFactory clients, TimeProvider clock) : IWebhookTransport
{
    public const string ClientName = "webhooks";

    /// <summary>How much of an error is kept in the delivery's record.</summary>
    private const int MaxErrorLength = 500;

    public async Task<AttemptResult> SendAsync(DueDelivery delivery, CancellationToken cancellationToken = default)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.IdHeader, delivery.EventId);
        request.Headers.Add(WebhookSignature.EventHeader, delivery.EventType);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(delivery.Secret, timestamp, delivery.Body));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            // A redirect is not followed (it could lead anywhere): the receiver must give its final address.
            return code is >= 200 and < 300 ? new AttemptResult(code, null) : new AttemptResult(code, $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            var message = exception is HttpRequestException ? exception.GetBaseException().Message : "The receiver did not answer in time.";
            return new AttemptResult(null, message.Length > MaxErrorLength ? message[..MaxErrorLength] : message);
        }
    }
}
