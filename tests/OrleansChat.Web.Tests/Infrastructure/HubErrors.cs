using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// SignalR delivers a server's <c>HubException</c> to clients as "An unexpected error occurred invoking 'M' on
/// the server. HubException: {message}"; the protocol's error is the part after "HubException: ", as the README
/// tells client authors.
/// </summary>
public static class HubErrors
{
    private const string Marker = "HubException: ";

    public static string Of(HubException exception)
    {
        var at = exception.Message.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? exception.Message : exception.Message[(at + Marker.Length)..];
    }
}
