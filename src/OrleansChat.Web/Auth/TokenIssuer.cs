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

    /// <summary>A token for <paramref name="user"/>; one that names a site is usable only from that site's pages.</summary>
    public (string AccessToken, DateTimeOffset ExpiresAt) Issue(ChatUser user)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.TokenLifetime;
        var claims = new List<Claim>
        {
            new(ChatClaims.UserId, user.UserId),
            new(ChatClaims.Name, user.DisplayName),
            new(ChatClaims.Role, ChatClaims.RoleName(user.Role)),
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
}
