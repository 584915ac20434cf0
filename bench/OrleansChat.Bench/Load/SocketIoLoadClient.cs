using System.Text.Json;
using SocketIOClient;
using SocketIOClient.Transport;

namespace OrleansChat.Bench.Load;

/// <summary>A socket.io client on a WebSocket, with the same calls as the hub: JoinRoom, SendMessage with an ack.</summary>
public sealed class SocketIoLoadClient : ILoadClient
{
    private readonly SocketIO _socket;

    private SocketIoLoadClient(SocketIO socket) => _socket = socket;

    private const int ConnectAttempts = 5;

    /// <summary>Connects and joins, trying again (counted as a retried join) when the connection times out, as socket.io clients reconnect.</summary>
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
            await EmitWithAckAsync(socket, "JoinRoom", roomId);
            return new SocketIoLoadClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(string roomId, string clientMessageId, string text) =>
        EmitWithAckAsync(_socket, "SendMessage", roomId, clientMessageId, text);

    public async ValueTask DisposeAsync()
    {
        await _socket.DisconnectAsync();
        _socket.Dispose();
    }

    private static async Task EmitWithAckAsync(SocketIO socket, string eventName, params object[] arguments)
    {
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await socket.EmitAsync(eventName, _ => acknowledged.TrySetResult(), arguments);
        await acknowledged.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }
}
