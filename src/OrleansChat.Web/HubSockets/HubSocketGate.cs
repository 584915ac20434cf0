using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Reflection;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.HubSockets;

/// <summary>Who a hub upgrade admitted: what the connection keeps of its request.</summary>
internal sealed record HubAdmittance(ClaimsPrincipal User, DateTimeOffset? AuthenticationExpires, string? ProtocolAdditions);

/// <summary>
/// Answers a hub upgrade as the application's own pipeline answers the hub's requests: the same middleware, in
/// Program.cs's order (the host's startup filters, problem responses, the origin check, authentication, admission),
/// then the hub's authorization.
/// The request is a context made from the parsed head and dropped once answered, so nothing of it stays with the
/// connection but what <see cref="HubAdmittance"/> names. A refusal is written back as the HTTP response it produced.
/// </summary>
internal sealed class HubSocketGate
{
    private readonly RequestDelegate _pipeline;
    private readonly IServiceScopeFactory _scopes;
    private readonly Lazy<Task<AuthorizationPolicy>> _hubPolicy;

    public HubSocketGate(IServiceProvider services)
    {
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _hubPolicy = new(() => CombinedPolicyAsync(services.GetRequiredService<IAuthorizationPolicyProvider>()));
        // The host's startup filters come first, as in the application's pipeline: forwarded headers (the client's
        // address behind a proxy, which admission counts connections by), allowed hosts.
        Action<IApplicationBuilder> configure = Configure;
        foreach (var filter in services.GetServices<IStartupFilter>().Reverse()) configure = filter.Configure(configure);
        var app = new ApplicationBuilder(services);
        configure(app);
        _pipeline = app.Build();
    }

    private void Configure(IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHubOriginCheck();
        app.UseAuthentication();
        app.UseHubAdmission();
        app.Run(AuthorizeAsync);
    }

    /// <summary>The admittance, or null once the refusal is written back.</summary>
    public async Task<HubAdmittance?> AdmitAsync(HubUpgradeRequest request, ConnectionContext connection)
    {
        using var body = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = "http",
            Method = HttpMethods.Get,
            PathBase = "",
            Path = request.Path.Value!,
            QueryString = request.Query.Value ?? "",
            Headers = request.Headers,
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = connection.ConnectionClosed });
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var local = connection.LocalEndPoint as IPEndPoint;
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = connection.ConnectionId,
            RemoteIpAddress = remote?.Address,
            RemotePort = remote?.Port ?? 0,
            LocalIpAddress = local?.Address,
            LocalPort = local?.Port ?? 0,
        });
        var context = new DefaultHttpContext(features);
        await using var services = new RequestServicesFeature(context, _scopes);
        features.Set<IServiceProvidersFeature>(services);

        await _pipeline(context);
        if (context.Features.Get<HubAdmittance>() is { } admitted) return admitted;
        await WriteRefusalAsync(context.Response, body, connection.Transport.Output);
        return null;
    }

    private async Task AuthorizeAsync(HttpContext context)
    {
        var policy = await _hubPolicy.Value;
        var evaluator = context.RequestServices.GetRequiredService<IPolicyEvaluator>();
        var authenticated = await evaluator.AuthenticateAsync(policy, context);
        var authorized = await evaluator.AuthorizeAsync(policy, authenticated, context, context);
        await context.RequestServices.GetRequiredService<IAuthorizationMiddlewareResultHandler>().HandleAsync(admitted =>
        {
            admitted.Features.Set(new HubAdmittance(
                admitted.User.HubCaller(),
                admitted.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc,
                admitted.Request.Query[ConnectionFeatures.QueryName].ToString() is { Length: > 0 } additions ? additions : null));
            return Task.CompletedTask;
        }, context, policy, authorized);
    }

    /// <summary>The hub class's own authorization, as its endpoint would have it.</summary>
    private static async Task<AuthorizationPolicy> CombinedPolicyAsync(IAuthorizationPolicyProvider policies) =>
        await AuthorizationPolicy.CombineAsync(policies, typeof(ChatHub).GetCustomAttributes<AuthorizeAttribute>(inherit: true))
        ?? await policies.GetDefaultPolicyAsync();

    private static async Task WriteRefusalAsync(HttpResponse response, MemoryStream body, PipeWriter output)
    {
        var head = new StringBuilder($"HTTP/1.1 {response.StatusCode} {ReasonPhrases.GetReasonPhrase(response.StatusCode)}\r\n");
        foreach (var (name, values) in response.Headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var value in values) head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append("Content-Length: ").Append(body.Length).Append("\r\nConnection: close\r\n\r\n");
        output.Write(Encoding.Latin1.GetBytes(head.ToString()));
        await output.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length));
    }
}
