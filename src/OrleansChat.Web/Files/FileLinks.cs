using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace OrleansChat.Web.Files;

/// <summary>A file's address that works without a token until <see cref="ExpiresAt"/>: what an <c>&lt;img src&gt;</c> can use.</summary>
public sealed record FileLink(string Url, string? ThumbnailUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs and checks file links. A link names the reader it was made for, and each use asks the room again whether
/// that reader may still read it: a member who leaves loses their links with the room. The key is derived from the
/// token signing key, so every web node checks what any of them signed, and a link is never a token.
/// </summary>
public sealed class FileLinks(SymmetricSecurityKey signingKey, IOptions<ChatFilesOptions> options, TimeProvider clock)
{
    private readonly byte[] _key = HMACSHA256.HashData(signingKey.Key, "OrleansChat file links"u8);

    public FileLink Create(string roomId, string fileId, string userId, bool hasThumbnail)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds());
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var query = $"?user={Uri.EscapeDataString(userId)}&expires={expires}&signature={Sign(roomId, fileId, userId, expires)}";
        var path = FilesApi.PathOf(roomId, fileId);
        return new FileLink(path + query, hasThumbnail ? path + "/thumbnail" + query : null, expiresAt);
    }

    /// <summary>The reader a link was made for, when it is genuine and unexpired; null otherwise.</summary>
    public string? Reader(string roomId, string fileId, string? user, string? expires, string? signature)
    {
        if (user is null || signature is null || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        if (DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799)) <= clock.GetUtcNow()) return null;
        var expected = Encoding.ASCII.GetBytes(Sign(roomId, fileId, user, expires!));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)) ? user : null;
    }

    private string Sign(string roomId, string fileId, string userId, string expires) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{roomId}\n{fileId}\n{userId}\n{expires}")));
}
