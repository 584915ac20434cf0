using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Identity;

namespace OrleansChat.Web.Tests.Auth;

/// <summary>How a provider's claims become ours: roles by the map, never a visitor's, and ids we can use.</summary>
public sealed class ClaimMapTests
{
    private static readonly ChatLimits Limits = new();

    private static readonly ClaimMap GroupMap = new("test", new ClaimMapOptions
    {
        UserId = "oid",
        Role = "groups",
        Roles = new() { ["agent"] = ["support", "sales"], ["admin"] = ["it"] },
    });

    [Theory]
    [InlineData(new string[0], "member")]
    [InlineData(new[] { "unknown" }, "member")]
    [InlineData(new[] { "sales" }, "agent")]
    [InlineData(new[] { "support", "it", "sales" }, "admin")]
    [InlineData(new[] { "visitor", "admin" }, "member")]
    public void The_highest_role_the_map_grants_wins_and_unmapped_values_grant_nothing(string[] groups, string role)
    {
        var mapped = Map(GroupMap, [new("oid", "u1"), .. groups.Select(g => new Claim("groups", g))]);
        Assert.Equal(role, mapped.FindFirstValue(ChatClaims.Role));
    }

    [Fact]
    public void Without_a_role_map_only_our_own_role_names_count_and_visitor_is_not_one()
    {
        var map = new ClaimMap("test", new ClaimMapOptions());
        Assert.Equal("agent", Map(map, [new("sub", "u1"), new("role", "agent")]).FindFirstValue(ChatClaims.Role));
        Assert.Equal("member", Map(map, [new("sub", "u1"), new("role", "visitor")]).FindFirstValue(ChatClaims.Role));
    }

    [Fact]
    public void A_map_to_the_visitor_role_is_a_configuration_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ClaimMap("Chat:Auth:Oidc:Claims", new ClaimMapOptions { Roles = new() { ["visitor"] = ["guests"] } }));
        Assert.Contains("Chat:Auth:Oidc:Claims:Roles:visitor", error.Message);
    }

    [Theory]
    [InlineData("visitor:demo:v-1", "visitor sessions")]
    [InlineData("Visitor:demo:v-1", "visitor sessions")]
    [InlineData("auth0|5f7c8ec7", "not a valid user id")]
    [InlineData("", "not a valid user id")]
    public void User_ids_of_visitors_and_ids_we_cannot_use_are_refused(string userId, string reason)
    {
        Assert.False(GroupMap.TryMap(Principal([new("oid", userId)]), Limits, "test", out _, out var refusal));
        Assert.Contains(reason, refusal);
    }

    [Fact]
    public void Only_our_claims_remain_and_a_missing_name_is_the_user_id()
    {
        var mapped = Map(new ClaimMap("test", new ClaimMapOptions()), [new("sub", "u1"), new("email", "u1@example.com"), new("site", "demo")]);
        Assert.Equal(
            [("sub", "u1"), ("name", "u1"), ("role", "member"), ("site", "demo")],
            mapped.Claims.Select(c => (c.Type, c.Value)));
    }

    private static ClaimsPrincipal Map(ClaimMap map, Claim[] claims)
    {
        Assert.True(map.TryMap(Principal(claims), Limits, "test", out var mapped, out var refusal), refusal);
        return mapped;
    }

    private static ClaimsPrincipal Principal(Claim[] claims) => new(new ClaimsIdentity(claims, "provider"));
}
