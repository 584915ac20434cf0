using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using OrleansChat.Contracts;
using OrleansChat.Web.Widget;

namespace OrleansChat.Web.Auth;

/// <summary>What a validly signed token must also satisfy before its claims are believed.</summary>
internal static class TokenChecks
{
    public static Task OnTokenValidated(TokenValidatedContext context)
    {
        if (context.Principal is { } principal && (SubjectProblem(principal.FindFirst(ChatClaims.UserId)?.Value,
                principal.FindFirst(ChatClaims.Role)?.Value, principal.FindFirst(ChatClaims.Site)?.Value)
                ?? NameProblem(principal.FindFirst(ChatClaims.Name)?.Value)) is { } problem)
        {
            context.Fail(problem);
            return Task.CompletedTask;
        }
        context.Principal = Detached(context.Principal!);
        return SiteOriginCheck.OnTokenValidated(context);
    }

    /// <summary>
    /// The same claims, without the validated token behind them: a hub connection keeps its principal for as long
    /// as it lives, and the token (its text, its decoded parts, its claim set) would stay with it, several kilobytes
    /// per idle connection (docs/benchmarks.md, problem 6).
    /// </summary>
    private static ClaimsPrincipal Detached(ClaimsPrincipal principal)
    {
        var identity = principal.Identity as ClaimsIdentity;
        var claims = principal.Claims.Select(claim => new Claim(claim.Type, claim.Value, claim.ValueType, claim.Issuer));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, identity?.AuthenticationType, ChatClaims.Name, ChatClaims.Role));
    }

    /// <summary>
    /// A name is stored with every message its holder sends, and no text holding U+0000 can be (PostgreSQL cannot
    /// store it): such a token is refused at the door rather than failing each send. Hosts holding the signing key
    /// sign their users' tokens themselves.
    /// </summary>
    public static string? NameProblem(string? name) => NulProblem(ChatClaims.Name, name);

    private static string? NulProblem(string claim, string? value) =>
        value?.Contains('\0') == true ? $"The token's '{claim}' claim holds the NUL character (U+0000)." : null;

    /// <summary>
    /// Visitor ids and the visitor role go together, with the visitor's site: the widget's sessions issue them so,
    /// and a token that mixes them (a visitor id with another role, or a visitor without a site) was made by hand.
    /// </summary>
    private static string? SubjectProblem(string? userId, string? role, string? siteId)
    {
        if (string.IsNullOrEmpty(userId)) return "The token has no 'sub' claim.";
        if ((NulProblem(ChatClaims.UserId, userId) ?? NulProblem(ChatClaims.Site, siteId)) is { } nul) return nul;
        var isVisitorRole = string.Equals(role, ChatClaims.RoleName(UserRole.Visitor), StringComparison.OrdinalIgnoreCase);
        if (ChatUser.IsVisitorId(userId) != isVisitorRole) return $"Ids beginning with '{ChatUser.VisitorIdPrefix}' belong to visitor sessions, and only to them.";
        if (isVisitorRole && string.IsNullOrEmpty(siteId)) return "A visitor's token names its site.";
        return null;
    }
}
