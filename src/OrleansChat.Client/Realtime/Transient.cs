using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace OrleansChat.Client;

/// <summary>Whether a failure may pass by itself (no connection, a node restarting, a timeout), so that trying again is right.</summary>
internal static class Transient
{
    public static bool Is(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        _ when cancellationToken.IsCancellationRequested => false,
        ChatRequestException refusal => refusal.IsTransient,
        // SignalR gives a start up on every transport at once (negotiated, then each refused, say by a node that
        // began to stop or a limit): transient when each transport's failure is.
        AggregateException all => all.Flatten().InnerExceptions.All(each => Is(each, cancellationToken)),
        TransportFailedException { InnerException: { } cause } => Is(cause, cancellationToken),
        HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized } => false,
        HttpRequestException or IOException or WebSocketException or TimeoutException => true,
        // A call cut off by its connection closing, or one timed out, or the hub not connected at the moment.
        OperationCanceledException or InvalidOperationException => true,
        _ => false,
    };
}
