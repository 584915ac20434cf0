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

    public (string AccessToken, DateTimeOffset ExpiresAt) Issue(ChatUser user)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(ChatClaims.UserId, user.UserId),
                new Claim(ChatClaims.Name, user.DisplayName),
                new Claim(ChatClaims.Role, ChatClaims.RoleName(user.Role)),
            ]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }
}
