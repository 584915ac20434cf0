using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>
/// The embedded system with a site whose admin registers webhooks to a receiver on loopback, with retry timings
/// short enough for tests; and its visitors, who open conversations and write.
/// </summary>
public sealed class WebhookSite : IAsyncDisposable
{
    public const string SiteId = "shop";
    private const string ShopOrigin = "https://shop.example";

    private WebhookSite(ChatSystem system, HttpClient admin)
    {
        System = system;
        Admin = admin;
    }

    public ChatSystem System { get; }

    public HttpClient Admin { get; }

    public WebhookReceiver Receiver { get; } = new();

    public static async Task<WebhookSite> StartAsync()
    {
        var system = await ChatSystem.StartAsync(settings: new()
        {
            ["Chat:Sites:shop:AllowedOrigins:0"] = ShopOrigin,
            ["Chat:Ai:SupportBot"] = "false",
            ["Chat:Webhooks:AllowHttp"] = "true",
            ["Chat:Webhooks:AllowPrivateNetworks"] = "true",
            ["Chat:Webhooks:FirstRetryDelay"] = "00:00:00.200",
            ["Chat:Webhooks:MaxRetryDelay"] = "00:00:01",
            ["Chat:Webhooks:PollInterval"] = "00:00:00.100",
            ["Chat:Webhooks:Timeout"] = "00:00:05",
        });
        return new WebhookSite(system, Client(system, await TokenAsync(system, "admin-ann", "admin")));
    }

    public static async Task<string> TokenAsync(ChatSystem system, string userId, string role, string siteId = SiteId)
    {
        using var anonymous = system.Web.CreateHttpClient();
        var login = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId, displayName = userId, role, siteId });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
    }

    public static HttpClient Client(ChatSystem system, string token)
    {
        var http = system.Web.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Registers the receiver for every event; the endpoint's id and secret.</summary>
    public async Task<(string EndpointId, string Secret)> RegisterReceiverAsync()
    {
        var response = await Admin.PostAsJsonAsync("/api/support/webhooks", new
        {
            siteId = SiteId,
            url = Receiver.Url,
            events = new[] { "conversation.created", "message.created", "conversation.status_changed" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var endpoint = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return (endpoint.GetProperty("endpointId").GetString()!, endpoint.GetProperty("secret").GetString()!);
    }

    /// <summary>A visitor opens their conversation; their client and its id (the support room's id).</summary>
    public async Task<(HttpClient Visitor, string ConversationId)> OpenConversationAsync(string topic)
    {
        var session = await System.OpenVisitorSessionAsync(SiteId, ShopOrigin);
        var visitor = Client(System, session.GetProperty("accessToken").GetString()!);
        var opened = await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = SiteId, topic });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (visitor, (await opened.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("conversationId").GetString()!);
    }

    public static async Task WriteAsync(HttpClient visitor, string conversationId, string clientMessageId, string text)
    {
        var sent = await visitor.PostAsJsonAsync($"/api/rooms/{conversationId}/messages", new { clientMessageId, text });
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
    }

    /// <summary>Every delivery of the endpoint, oldest first, read page by page.</summary>
    public async Task<IReadOnlyList<JsonElement>> DeliveriesAsync(string endpointId)
    {
        var all = new List<JsonElement>();
        string? before = null;
        do
        {
            var page = await Admin.GetFromJsonAsync<JsonElement>(
                $"/api/support/webhooks/{endpointId}/deliveries?limit=5{(before is null ? "" : $"&before={before}")}", Json);
            all.AddRange(page.GetProperty("deliveries").EnumerateArray());
            before = page.TryGetProperty("nextBefore", out var next) ? next.GetInt64().ToString() : null;
        }
        while (before is not null);
        return [.. all.OrderBy(d => d.GetProperty("deliveryId").GetInt64())];
    }

    /// <summary>Waits (up to a minute) until <paramref name="done"/> holds of what <paramref name="read"/> reads, tolerating a system on its way back.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value)) return value;
                if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}; last: {value}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                // The silo or web node is on its way back.
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Receiver.DisposeAsync();
        await System.DisposeAsync();
    }
}
