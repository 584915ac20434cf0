using Microsoft.Playwright;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// A browser context whose hub connections pass through the test, which can cut its user off (the network gone, the
/// open connections closed, new ones refused) and let them back.
/// </summary>
public sealed class HubCutOff
{
    private readonly IBrowserContext _context;
    private readonly List<IWebSocketRoute> _sockets = [];
    private volatile bool _cut;

    private HubCutOff(IBrowserContext context) => _context = context;

    /// <summary>Routes the context's hub connections; call it before a page of the context opens the widget.</summary>
    public static async Task<HubCutOff> RouteAsync(IBrowserContext context)
    {
        var cutOff = new HubCutOff(context);
        await context.RouteWebSocketAsync("**/hubs/chat**", cutOff.Route);
        return cutOff;
    }

    /// <summary>How many hub connections the context opened while it was not cut off.</summary>
    public int Opened
    {
        get { lock (_sockets) return _sockets.Count; }
    }

    public async Task CutAsync()
    {
        _cut = true;
        await _context.SetOfflineAsync(true);
        IWebSocketRoute[] open;
        lock (_sockets) open = [.. _sockets];
        foreach (var socket in open) await socket.CloseAsync();
    }

    public async Task RestoreAsync()
    {
        _cut = false;
        await _context.SetOfflineAsync(false);
    }

    private void Route(IWebSocketRoute socket)
    {
        if (_cut)
        {
            _ = socket.CloseAsync();
            return;
        }
        lock (_sockets) _sockets.Add(socket);
        socket.ConnectToServer();
    }
}
