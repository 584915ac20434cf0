using System.Security.Claims;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Auth;

/// <summary>The protocol's token claims, and the caller they describe.</summary>
public static class ChatClaims
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>On visitor tokens: the site whose pages may use the token.</summary>
    public const string Site = "site";

    /// <summary>When the user signed in (Unix seconds, OpenID Connect's name): renewals keep it.</summary>
    public const string SignedInAt = "auth_time";

    public static string RoleName(UserRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? value, out UserRole role) =>
        Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(value, out _);

    /// <summary>
    /// The principal a hub connection keeps for its whole life: only the claims that say who the caller is (all the
    /// hub reads), not the token's others (issuer, audience, times, id), which would cost each idle connection their
    /// objects and strings. Expiry is the transport's to enforce, taken from the authentication result.
    /// </summary>
    public static ClaimsPrincipal HubCaller(this ClaimsPrincipal principal)
    {
        var identity = principal.Identity as ClaimsIdentity;
        var claims = principal.Claims.Where(claim => claim.Type is UserId or Name or Role or Site);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, identity?.AuthenticationType, Name, Role));
    }

    /// <summary>The caller of an authenticated request or hub connection.</summary>
    public static ChatUser ToChatUser(this ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(UserId) ?? throw new InvalidOperationException("The token has no 'sub' claim.");
        TryParseRole(principal.FindFirstValue(Role), out var role);
        return new ChatUser(userId, principal.FindFirstValue(Name) ?? userId, role, principal.FindFirstValue(Site));
    }
}
