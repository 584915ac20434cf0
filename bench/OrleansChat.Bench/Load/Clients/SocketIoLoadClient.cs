using System.Text.Json;
using SocketIOClient;
using SocketIOClient.Transport;

namespace OrleansChat.Bench.Load.Clients;

/// <summary>A socket.io client on a WebSocket, with the same calls as the hub: JoinRoom, SendMessage with an ack.</summary>
public sealed class SocketIoLoadClient : ILoadClient
{
    private readonly SocketIO _socket;

    private SocketIoLoadClient(SocketIO socket) => _socket = socket;

    private const int ConnectAttempts = 5;

    /// <summary>
    /// The .NET client now and then never hears the ack of an emit made right after connecting (about 25 of 3,000
    /// joins here, in bursts of neighbours, with the server idle); waiting for it as long as for a send's ack made the
    /// 5,000 connections take over two minutes to open.
    /// </summary>
    private static readonly TimeSpan JoinAckTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan SendAckTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Connects and joins, trying again (counted as a retried join) when the connection or the join times out, as socket.io clients reconnect.</summary>
    public static async Task<ILoadClient> OpenAsync(Uri server, string roomId, LoadClientEvents events, ClientTraffic traffic)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryOpenAsync(server, roomId, events);
            }
            catch (TimeoutException) when (attempt < ConnectAttempts)
            {
                traffic.RecordJoinRetry();
            }
        }
    }

    private static async Task<ILoadClient> TryOpenAsync(Uri server, string roomId, LoadClientEvents events)
    {
        var socket = new SocketIO(server, new SocketIOOptions
        {
            Transport = TransportProtocol.WebSocket,
            Reconnection = false,
            ConnectionTimeout = TimeSpan.FromSeconds(15),
        });
        socket.On("MessageReceived", response => events.Received(response.GetValue<JsonElement>().GetProperty("text").GetString()!));
        socket.OnDisconnected += (_, _) => events.Closed();
        try
        {
            await socket.ConnectAsync();
            await EmitWithAckAsync(socket, JoinAckTimeout, "JoinRoom", roomId);
            return new SocketIoLoadClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(string roomId, string clientMessageId, string text) =>
        EmitWithAckAsync(_socket, SendAckTimeout, "SendMessage", roomId, clientMessageId, text);

    public async ValueTask DisposeAsync()
    {
        await _socket.DisconnectAsync();
        _socket.Dispose();
    }

    private static async Task EmitWithAckAsync(SocketIO socket, TimeSpan timeout, string eventName, params object[] arguments)
    {
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await socket.EmitAsync(eventName, _ => acknowledged.TrySetResult(), arguments);
        await acknowledged.Task.WaitAsync(timeout);
    }
}
