using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.Web.Widget;

/// <summary>
/// A site's proof of who its visitor is: <c>userHash</c> = hex HMAC-SHA256(site secret, "{siteId}\n{userId}\n{userHashExpires}"),
/// with <c>userHashExpires</c> in Unix seconds. Bound to the site and to a time, so a hash copied from one page cannot
/// open sessions on another site or for ever.
/// </summary>
public static class VisitorIdentityProof
{
    /// <summary>The longest a proof may be valid for: a leaked one stops working within a day.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    /// <summary>Null when the proof holds, else why not.</summary>
    public static string? Check(SiteOptions site, string siteId, string userId, string? userHash, long? expires, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(site.Secret)) return "This site has no secret to verify visitors with.";
        if (string.IsNullOrEmpty(userHash)) return "userHash is required for a userId on this site.";
        if (expires is null)
        {
            return site.AcceptUnboundUserHash && Matches(site.Secret, userId, userHash)
                ? null
                : "userHash is not the site's signature of siteId, userId and userHashExpires.";
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expires.Value, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (expiresAt <= now) return "userHash has expired: the site's server signs a fresh one.";
        if (expiresAt > now + MaxLifetime) return $"userHashExpires is more than {MaxLifetime.TotalHours:0} hours away.";
        return Matches(site.Secret, Message(siteId, userId, expires.Value), userHash)
            ? null
            : "userHash is not the site's signature of siteId, userId and userHashExpires.";
    }

    private static string Message(string siteId, string userId, long expires) =>
        $"{siteId}\n{userId}\n{expires.ToString(CultureInfo.InvariantCulture)}";

    private static byte[] Mac(string secret, string message) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));

    private static bool Matches(string secret, string message, string userHash)
    {
        var expected = Mac(secret, message);
        var given = new byte[expected.Length];
        var parsed = Convert.FromHexString(userHash, given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length;
        return parsed && CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
