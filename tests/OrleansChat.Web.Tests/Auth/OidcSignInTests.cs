using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Auth;

/// <summary>
/// OpenID Connect sign-in at a real provider: the session it leaves mints our tokens, with the provider's role and
/// site, for this site's own pages only.
/// </summary>
public sealed class OidcSignInTests(IdentitySystem identity) : IClassFixture<IdentitySystem>
{
    private TestWebNode Web => identity.System.Web;

    private string Origin => Web.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task The_options_name_the_provider_for_the_sign_in_button()
    {
        using var http = Web.CreateHttpClient();
        var options = await http.GetFromJsonAsync<JsonElement>("/api/auth/options");
        Assert.True(options.GetProperty("devLogin").GetBoolean());
        Assert.Equal(IdentitySystem.ProviderName, options.GetProperty("oidc").GetProperty("displayName").GetString());
        Assert.Equal("/api/auth/oidc/signin", options.GetProperty("oidc").GetProperty("signInUrl").GetString());
    }

    [Fact]
    public async Task An_agent_signed_in_at_the_provider_gets_our_token_with_the_providers_role_and_site()
    {
        using var session = await ProviderSignIn.SignInAsync(Web, "agent-olga");
        Assert.Equal("/agent", session.LandedAt.AbsolutePath);
        Assert.Equal("", session.LandedAt.Fragment);

        using var response = await session.PostAsync("/api/auth/oidc/token", Origin, "same-origin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        var user = body.GetProperty("user");
        Assert.Equal("agent-olga", user.GetProperty("userId").GetString());
        Assert.Equal("Olga", user.GetProperty("displayName").GetString());
        Assert.Equal("agent", user.GetProperty("role").GetString());
        Assert.Equal("demo", user.GetProperty("siteId").GetString());

        // Our usual token: signed by us, and it opens the site's desk.
        var token = body.GetProperty("accessToken").GetString()!;
        Assert.Equal("orleanschat", new JsonWebToken(token).Issuer);
        using var api = Web.CreateHttpClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/support/queue?siteId=demo")).StatusCode);
    }

    [Fact]
    public async Task A_member_signs_in_the_same_way_and_gets_a_members_token_of_no_site()
    {
        using var session = await ProviderSignIn.SignInAsync(Web, "member-max", returnUrl: "/demo/room");
        Assert.Equal("/demo/room", session.LandedAt.AbsolutePath);
        using var response = await session.PostAsync("/api/auth/oidc/token", Origin, "same-origin");
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json)).GetProperty("user");
        Assert.Equal("member", user.GetProperty("role").GetString());
        Assert.Equal("Max", user.GetProperty("displayName").GetString());
        Assert.False(user.TryGetProperty("siteId", out var site) && site.ValueKind != JsonValueKind.Null);
    }

    [Theory]
    [InlineData("https://evil.example", "cross-site")]
    [InlineData("http://localhost", "same-site")]
    [InlineData("https://evil.example", null)]
    [InlineData(null, "same-origin")]
    [InlineData(null, null)]
    public async Task The_token_endpoint_refuses_requests_that_are_not_from_this_sites_own_pages(string? origin, string? fetchSite)
    {
        using var session = await ProviderSignIn.SignInAsync(Web, "agent-olga");
        using var response = await session.PostAsync("/api/auth/oidc/token", origin, fetchSite);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_session_there_is_no_token_and_signing_out_ends_the_session()
    {
        using var anonymous = Web.CreateHttpClient();
        using var none = await anonymous.SendAsync(ProviderSignIn.FromPage(HttpMethod.Post, "/api/auth/oidc/token", Origin, "same-origin"));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        using var session = await ProviderSignIn.SignInAsync(Web, "agent-olga");
        Assert.Equal(HttpStatusCode.NoContent, (await session.PostAsync("/api/auth/oidc/signout", Origin, "same-origin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.PostAsync("/api/auth/oidc/token", Origin, "same-origin")).StatusCode);
    }

    [Fact]
    public async Task An_account_whose_user_id_is_a_visitors_gets_no_session_and_the_page_is_told_why()
    {
        using var session = await ProviderSignIn.SignInAsync(Web, "visitor:demo:v-0123456789abcdef0123456789abcdef");
        Assert.Equal("/agent", session.LandedAt.AbsolutePath);
        Assert.Contains("visitor", Uri.UnescapeDataString(session.LandedAt.Fragment));
        Assert.StartsWith("#signin-error=", session.LandedAt.Fragment);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.PostAsync("/api/auth/oidc/token", Origin, "same-origin")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/agent")]
    [InlineData("//evil.example/agent")]
    [InlineData("/\\evil.example/agent")]
    public async Task Sign_in_returns_only_to_this_sites_paths(string returnUrl)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Web.BaseAddress };
        using var response = await http.GetAsync($"/api/auth/oidc/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
