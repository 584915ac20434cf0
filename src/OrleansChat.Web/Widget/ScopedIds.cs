using System.Security.Cryptography;
using System.Text;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Widget;

/// <summary>
/// Ids that belong to one visitor of one site: the visitor's user id and their support room. Readable
/// (<c>support:demo:v-1234</c>) where that fits the id limits, else a hash, so any site and visitor id work.
/// </summary>
public static class ScopedIds
{
    public static string VisitorUserId(ChatLimits limits, string siteId, string visitorId) =>
        Scoped(limits, ChatUser.VisitorIdPrefix.TrimEnd(':'), siteId, visitorId);

    public static string SupportRoomId(ChatLimits limits, string siteId, string visitorId) => Scoped(limits, "support", siteId, visitorId);

    /// <summary>
    /// The support room of a visitor, from their user id: both ids scope the same (site, visitor) pair, readable
    /// or hashed alike, and differ only in the scope word.
    /// </summary>
    public static string? SupportRoomOf(string visitorUserId) =>
        ChatUser.IsVisitorId(visitorUserId) ? "support:" + visitorUserId[ChatUser.VisitorIdPrefix.Length..] : null;

    /// <summary>A fresh visitor id: unguessable, since whoever knows it can resume that visitor's conversation.</summary>
    public static string NewVisitorId() => "v-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Scoped(ChatLimits limits, string scope, string siteId, string visitorId)
    {
        var readable = $"{scope}:{siteId}:{visitorId}";
        if (limits.IsValidId(readable)) return readable;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{siteId}\n{visitorId}"));
        return $"{scope}:" + Convert.ToHexStringLower(hash)[..40];
    }
}
