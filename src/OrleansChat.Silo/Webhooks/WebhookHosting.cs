using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Webhooks;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Silo.Webhooks;

/// <summary>The silo's part of outgoing webhooks: options, the outbox store, the HTTP client that delivers, and the wake-up at start.</summary>
public static class WebhookHosting
{
    public static IServiceCollection AddChatWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .PostConfigure<IHostEnvironment>((options, environment) => options.AllowHttp ??= environment.IsDevelopment());
        services.AddSingleton<IWebhookStore, SqlWebhookStore>();
        services.AddSingleton<IWebhookTransport, HttpWebhookTransport>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WebhookResume>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers, below
        services.AddHttpClient(HttpWebhookTransport.ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value))
            // The outbox retries, with its own backoff and a record of each attempt: no hidden retries under it from the
            // service defaults' standard handler. Marked experimental, it is the one way to take that handler off.
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }

    private static SocketsHttpHandler Handler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = options.Timeout,
        ConnectCallback = options.AllowPrivateNetworks ? null : ConnectPubliclyAsync,
    };

    /// <summary>Connects only to public addresses, checked after name resolution so that no name can lead inside.</summary>
    private static async ValueTask<Stream> ConnectPubliclyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => !PrivateNetworks.Contains(a)).ToArray();
        if (allowed.Length == 0) throw new HttpRequestException($"'{context.DnsEndPoint.Host}' resolves to no public address; webhooks do not call private networks.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
