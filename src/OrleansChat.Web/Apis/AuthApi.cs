using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Apis;

/// <summary><c>POST /api/auth/token</c>: development login, where enabled (see <see cref="AuthExtensions.DevLoginEnabled"/>).</summary>
public static class AuthApi
{
    /// <summary>With <c>siteId</c>, the token belongs to that site's team (agents) and only works from its pages.</summary>
    public sealed record TokenRequest(string? UserId, string? DisplayName, string? Role, string? SiteId);

    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, ChatUser User);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/refresh", Renew)
            .WithBodyLimit(BodyLimits.Small)
            .RefusesNulText()
            .RequireAuthorization()
            .WithTags("Auth")
            .WithName("RenewToken")
            .WithSummary("A fresh token for the caller, while their sign-in lasts: clients renew before a token ends.");
        if (!app.ServiceProvider.DevLoginEnabled()) return app;
        app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthApi)).LogWarning(
            "DEVELOPMENT LOGIN IS ON: POST /api/auth/token signs anyone in as any user, agent or admin. "
            + "Never expose this node; set Chat:Auth:DevLogin=false (it is off outside the Development environment unless set).");
        app.MapPost("/api/auth/token", IssueDevTokenAsync)
            .WithBodyLimit(BodyLimits.Small)
            .RefusesNulText()
            .WithTags("Auth")
            .WithName("IssueDevToken")
            .WithSummary("Signs a token for any user id: development only.")
            .AllowAnonymous();
        return app;
    }

    private static Results<Ok<TokenResponse>, ProblemHttpResult> Renew(ClaimsPrincipal principal, TokenIssuer issuer, IOptions<ChatAuthOptions> options)
    {
        // Tokens of other issuers (a host application's own) are renewed by that issuer.
        if (principal.FindFirstValue("iss") != options.Value.Issuer) throw ChatException.Forbidden("Renew this token with the application that issued it.");
        if (issuer.Renew(principal) is not var (token, expiresAt))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "The sign-in has ended: sign in again.");
        }
        return TypedResults.Ok(new TokenResponse(token, expiresAt, principal.ToChatUser()));
    }

    private static async Task<TokenResponse> IssueDevTokenAsync(TokenRequest request, InputRules rules, TokenIssuer issuer, IGrainFactory grains)
    {
        var role = UserRole.Member;
        rules.Id("userId", request.UserId)
            .Require(request.DisplayName is null || request.DisplayName.Trim().Length is > 0 and <= 100, "displayName", "displayName must be 1-100 characters.")
            .Require(request.UserId is null || !ChatUser.IsVisitorId(request.UserId), "userId", $"Ids beginning with '{ChatUser.VisitorIdPrefix}' are reserved for visitor sessions.")
            .Require(request.Role is null || (ChatClaims.TryParseRole(request.Role, out role) && role != UserRole.Visitor), "role",
                "role must be member, agent or admin (visitors open widget sessions).")
            .Require(request.SiteId is null || rules.Limits.IsValidId(request.SiteId), "siteId", "siteId must be a valid id.")
            .ThrowIfInvalid();

        var user = new ChatUser(request.UserId!, request.DisplayName?.Trim() ?? request.UserId!, role, request.SiteId);
        await grains.GetGrain<IUserGrain>(user.UserId).UpdateProfile(user);
        var (token, expiresAt) = issuer.Issue(user);
        return new TokenResponse(token, expiresAt, user);
    }
}
