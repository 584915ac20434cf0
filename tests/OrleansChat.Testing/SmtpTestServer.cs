using System.Buffers;
using System.Net;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace OrleansChat.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, keeping what it receives. It can be stopped
/// and started again on the same port, as a mail server that goes down and comes back.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Channel<MimeMessage> _received = Channel.CreateUnbounded<MimeMessage>();
    private readonly List<MimeMessage> _all = [];
    // Received, read by NextAsync and not what it looked for: still there for a later call.
    private readonly List<MimeMessage> _passedOver = [];
    private CancellationTokenSource? _stop;
    private Task? _running;

    public int Port { get; } = FreePort.Next();

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<MimeMessage> Received
    {
        get
        {
            lock (_all) return [.. _all];
        }
    }

    /// <summary>The silo's <c>Chat:Email</c> settings that send to this server, polling the outbox often.</summary>
    public Dictionary<string, string?> ChatEmailSettings() => new()
    {
        ["Chat:Email:Host"] = "127.0.0.1",
        ["Chat:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chat:Email:Tls"] = "None",
        ["Chat:Email:PollInterval"] = "00:00:00.200",
    };

    public static SmtpTestServer Start()
    {
        var server = new SmtpTestServer();
        server.Resume();
        return server;
    }

    /// <summary>Listens (again) on <see cref="Port"/>.</summary>
    public void Resume()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>Stops listening: connections are refused until <see cref="Resume"/>.</summary>
    public async Task StopAsync()
    {
        if (_stop is null) return;
        await _stop.CancelAsync();
        try
        {
            await _running!;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }
        _stop.Dispose();
        _stop = null;
    }

    /// <summary>
    /// The first message received and not yet taken that <paramref name="match"/> accepts, within <paramref name="timeout"/>
    /// (30 s by default). The others stay for later calls: mails queued together may arrive in either order.
    /// </summary>
    public async Task<MimeMessage> NextAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        lock (_passedOver)
        {
            var index = _passedOver.FindIndex(m => match(m));
            if (index >= 0)
            {
                var found = _passedOver[index];
                _passedOver.RemoveAt(index);
                return found;
            }
        }
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var message = await _received.Reader.ReadAsync(cancel.Token);
            if (match(message)) return message;
            lock (_passedOver) _passedOver.Add(message);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Keep(MimeMessage message)
    {
        lock (_all) _all.Add(message);
        _received.Writer.TryWrite(message);
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            server.Keep(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
