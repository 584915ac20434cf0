using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Bench.Load.Clients;

/// <summary>A SignalR client on one of SignalR's transports, as the widget and the console connect.</summary>
public sealed class HubLoadClient : ILoadClient
{
    private const int JoinAttempts = 5;
    private readonly HubConnection _connection;

    private HubLoadClient(HubConnection connection) => _connection = connection;

    public static async Task<ILoadClient> OpenAsync(Uri hubUrl, LoadTransport transport, string? token, string roomId, LoadClientEvents events, ClientTraffic traffic)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, TransportOf(transport), options =>
            {
                // A WebSocket can start without the negotiate round trip; the HTTP transports need it.
                options.SkipNegotiation = transport == LoadTransport.WebSockets;
                options.HttpMessageHandlerFactory = traffic.Counting;
                if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        // A saturated 2-core box can starve pings for a while: the measure is loss, not a dropped connection.
        connection.ServerTimeout = TimeSpan.FromSeconds(120);
        connection.On<ReceivedMessage>("MessageReceived", message => events.Received(message.Text));
        connection.Closed += _ =>
        {
            events.Closed();
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync();
            await JoinAsync(connection, roomId, traffic);
            return new HubLoadClient(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task SendAsync(string roomId, string clientMessageId, string text) =>
        _connection.InvokeAsync<SendAck>("SendMessage", roomId, clientMessageId, text);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static async Task JoinAsync(HubConnection connection, string roomId, ClientTraffic traffic)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.InvokeAsync<object>("JoinRoom", roomId, null);
                return;
            }
            // The server refuses with "unavailable" while it catches up; a client retries, as the widget does.
            catch (HubException) when (attempt < JoinAttempts)
            {
                traffic.RecordJoinRetry();
                await Task.Delay(200 * attempt);
            }
        }
    }

    private static HttpTransportType TransportOf(LoadTransport transport) => transport switch
    {
        LoadTransport.WebSockets => HttpTransportType.WebSockets,
        LoadTransport.ServerSentEvents => HttpTransportType.ServerSentEvents,
        LoadTransport.LongPolling => HttpTransportType.LongPolling,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "Not a SignalR transport."),
    };
}
