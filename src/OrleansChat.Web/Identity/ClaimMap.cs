using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Identity;

/// <summary>
/// Turns a provider's identity into ours: a principal with only <c>sub</c>, <c>name</c>, <c>role</c> and <c>site</c>,
/// so the rest of the app reads every caller alike. Never grants the visitor role, and refuses user ids of our own
/// visitor sessions (<c>visitor:</c>), which only the widget-session endpoint may hand out.
/// </summary>
internal sealed class ClaimMap
{
    private const string VisitorPrefix = "visitor:";
    private const int MaxNameLength = 100;

    private static readonly Dictionary<string, string[]> OwnRoleNames = new()
    {
        ["member"] = ["member"],
        ["agent"] = ["agent"],
        ["admin"] = ["admin"],
    };

    private readonly ClaimMapOptions _options;
    private readonly Dictionary<string, UserRole> _roleOfValue = new(StringComparer.Ordinal);

    /// <param name="section">The configuration path of the map, for errors.</param>
    public ClaimMap(string section, ClaimMapOptions options)
    {
        _options = options;
        foreach (var (roleName, values) in options.Roles.Count > 0 ? options.Roles : OwnRoleNames)
        {
            if (!ChatClaims.TryParseRole(roleName, out var role) || role == UserRole.Visitor)
            {
                throw new InvalidOperationException($"{section}:Roles:{roleName}: roles map to member, agent or admin (never visitor).");
            }
            foreach (var value in values) _roleOfValue[value] = Highest(role, _roleOfValue.GetValueOrDefault(value));
        }
    }

    /// <summary>Every provider claim the map reads (what to ask a userinfo endpoint for).</summary>
    public IEnumerable<string> ClaimTypes => [_options.UserId, _options.Name, _options.Role, _options.Site];

    /// <summary>Our principal for <paramref name="external"/>, or why it is refused.</summary>
    public bool TryMap(ClaimsPrincipal external, ChatLimits limits, string authenticationType,
        [NotNullWhen(true)] out ClaimsPrincipal? mapped, [NotNullWhen(false)] out string? refusal)
    {
        mapped = null;
        var userId = external.FindFirstValue(_options.UserId) ?? "";
        var siteId = external.FindFirstValue(_options.Site);
        var given = external.FindFirstValue(_options.Name)?.Trim();
        refusal = Refusal(userId, siteId, limits) ?? (TokenChecks.NameProblem(given) is null ? null : $"its '{_options.Name}' claim holds the NUL character (U+0000)");
        if (refusal is not null) return false;

        var name = given is { Length: > 0 } ? given[..Math.Min(given.Length, MaxNameLength)] : userId;
        var claims = new List<Claim>
        {
            new(ChatClaims.UserId, userId),
            new(ChatClaims.Name, name),
            new(ChatClaims.Role, ChatClaims.RoleName(RoleOf(external))),
        };
        if (siteId is not null) claims.Add(new Claim(ChatClaims.Site, siteId));
        mapped = new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ChatClaims.Name, ChatClaims.Role));
        return true;
    }

    private string? Refusal(string userId, string? siteId, ChatLimits limits) =>
        !limits.IsValidId(userId)
            ? $"its '{_options.UserId}' claim is missing or not a valid user id (1-{limits.MaxIdLength} of A-Z, a-z, 0-9, '.', '_', ':', '-')"
            : userId.StartsWith(VisitorPrefix, StringComparison.OrdinalIgnoreCase) ? $"user ids starting with '{VisitorPrefix}' belong to visitor sessions"
            : siteId is not null && !limits.IsValidId(siteId) ? $"its '{_options.Site}' claim is not a valid site id"
            : null;

    private UserRole RoleOf(ClaimsPrincipal external) => external.FindAll(_options.Role)
        .Aggregate(UserRole.Member, (role, claim) => _roleOfValue.TryGetValue(claim.Value, out var granted) ? Highest(role, granted) : role);

    /// <summary>Member, agent, admin: the enum's order is the order of privilege (visitor is never granted here).</summary>
    private static UserRole Highest(UserRole a, UserRole b) => a > b ? a : b;
}
