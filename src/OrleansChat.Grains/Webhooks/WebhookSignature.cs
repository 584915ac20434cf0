using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.Grains.Webhooks;

/// <summary>
/// How a delivery is signed (docs/support.md): HMAC-SHA256 with the endpoint's secret over
/// <c>{timestamp}.{body}</c>, the timestamp in Unix seconds, sent as lowercase hex after <c>v1=</c>.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "X-OrleansChat-Event-Id";
    public const string EventHeader = "X-OrleansChat-Event";
    public const string TimestampHeader = "X-OrleansChat-Timestamp";
    public const string SignatureHeader = "X-OrleansChat-Signature";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>A new endpoint's secret: 32 random bytes, URL-safe, prefixed so it is recognised where it leaks.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
