using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Auth;

/// <summary>Signs access tokens carrying the protocol's claims: <c>sub</c>, <c>name</c>, <c>role</c>.</summary>
public sealed class TokenIssuer(SymmetricSecurityKey key, IOptions<ChatAuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>
    /// A token for <paramref name="user"/>; one that names a site is usable only from that site's pages.
    /// <paramref name="signedInAt"/> (the <c>auth_time</c> claim) is when the user proved who they are: a renewed
    /// token keeps it, so renewals end <see cref="ChatAuthOptions.SessionLifetime"/> after the sign-in.
    /// </summary>
    public (string AccessToken, DateTimeOffset ExpiresAt) Issue(ChatUser user, DateTimeOffset? signedInAt = null)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.TokenLifetime;
        var claims = new List<Claim>
        {
            new(ChatClaims.UserId, user.UserId),
            new(ChatClaims.Name, user.DisplayName),
            new(ChatClaims.Role, ChatClaims.RoleName(user.Role)),
            new(ChatClaims.SignedInAt, (signedInAt ?? now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        };
        if (user.SiteId is { } siteId) claims.Add(new Claim(ChatClaims.Site, siteId));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }

    /// <summary>
    /// A fresh token for the caller of a valid token of ours, or null once their session has lasted
    /// <see cref="ChatAuthOptions.SessionLifetime"/> (then they sign in again).
    /// </summary>
    public (string AccessToken, DateTimeOffset ExpiresAt)? Renew(ClaimsPrincipal principal)
    {
        var signedInAt = long.TryParse(principal.FindFirst(ChatClaims.SignedInAt)?.Value ?? principal.FindFirst("iat")?.Value,
            NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        if (signedInAt is null || clock.GetUtcNow() - signedInAt > options.Value.SessionLifetime) return null;
        return Issue(principal.ToChatUser(), signedInAt);
    }
}
