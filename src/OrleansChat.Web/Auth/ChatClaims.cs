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

    /// <summary>The caller of an authenticated request or hub connection.</summary>
    public static ChatUser ToChatUser(this ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(UserId) ?? throw new InvalidOperationException("The token has no 'sub' claim.");
        TryParseRole(principal.FindFirstValue(Role), out var role);
        return new ChatUser(userId, principal.FindFirstValue(Name) ?? userId, role, principal.FindFirstValue(Site));
    }
}
