namespace OrleansChat.Web.Auth;

/// <summary>Token settings, under <c>Chat:Auth</c>.</summary>
public sealed class ChatAuthOptions
{
    public const string SectionName = "Chat:Auth";

    /// <summary>The shared HS256 key (at least 32 bytes of UTF-8). Embedded mode generates and keeps one when unset.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "orleanschat";

    public string Audience { get; set; } = "orleanschat";

    /// <summary>How long an access token lasts; clients renew before it ends, and a hub connection closes when it does.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far the clocks of the token's issuer and this node may disagree.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long tokens may be renewed after the sign-in they stem from: then the user signs in again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary><c>POST /api/auth/token</c> for anyone: on in the Development environment unless set, off elsewhere unless set.</summary>
    public bool? DevLogin { get; set; }
}
