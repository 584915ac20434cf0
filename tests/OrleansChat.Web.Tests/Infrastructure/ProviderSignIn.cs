using System.Net;
using System.Text.RegularExpressions;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// A person signing in through the real pages, as a browser without scripts would: our sign-in endpoint, the
/// provider's login form, back through our callback. The client keeps the cookies (the provider's and our
/// session's), so it can then call the session endpoints as the console does.
/// </summary>
public sealed partial class ProviderSignIn : IDisposable
{
    private ProviderSignIn(HttpClient http, Uri landedAt)
    {
        Http = http;
        LandedAt = landedAt;
    }

    public HttpClient Http { get; }

    /// <summary>Where the browser ended up: the return URL, with <c>#signin-error=</c> when the sign-in was refused.</summary>
    public Uri LandedAt { get; }

    public static async Task<ProviderSignIn> SignInAsync(TestWebNode node, string login, string returnUrl = "/agent")
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = node.BaseAddress };
        using var loginPage = await http.GetAsync($"/api/auth/oidc/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        loginPage.EnsureSuccessStatusCode();
        var form = LoginForm().Match(await loginPage.Content.ReadAsStringAsync());
        Assert.True(form.Success, "the provider should show its login form");
        var action = new Uri(loginPage.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(form.Groups["action"].Value));
        using var landed = await http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["prompt"] = "login",
            ["login"] = login,
            ["password"] = "any password",
        }));
        landed.EnsureSuccessStatusCode();
        return new ProviderSignIn(http, landed.RequestMessage!.RequestUri!);
    }

    /// <summary>
    /// POSTs to a session endpoint as a page of <paramref name="origin"/> would (<c>Sec-Fetch-Site</c> as a browser
    /// would say it); a null origin sends neither header, as a client that is no browser.
    /// </summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? origin, string? fetchSite = null) =>
        Http.SendAsync(FromPage(HttpMethod.Post, path, origin, fetchSite));

    public static HttpRequestMessage FromPage(HttpMethod method, string path, string? origin, string? fetchSite)
    {
        var request = new HttpRequestMessage(method, path);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]+)\"")]
    private static partial Regex LoginForm();
}
