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
        if (!app.ServiceProvider.DevLoginEnabled()) return app;
        app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthApi)).LogWarning(
            "DEVELOPMENT LOGIN IS ON: POST /api/auth/token signs anyone in as any user, agent or admin. "
            + "Never expose this node; set Chat:Auth:DevLogin=false (it is off outside the Development environment unless set).");
        app.MapPost("/api/auth/token", IssueDevTokenAsync)
            .WithTags("Auth")
            .WithName("IssueDevToken")
            .WithSummary("Signs a token for any user id: development only.")
            .AllowAnonymous();
        return app;
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
