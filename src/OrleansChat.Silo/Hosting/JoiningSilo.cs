using System.Runtime.InteropServices;
using Orleans.Runtime.MembershipService;

namespace OrleansChat.Silo.Hosting;

/// <summary>
/// Starts the silo's host, and when that start fails while the silo joins the cluster, stops the host and starts a
/// new one (a new silo generation), at most <c>Chat:Silo:JoinAttempts</c> times (3), each failure logged with its
/// cause. Orleans retries a failing membership table itself, but the join's status update runs on the host's start
/// token: once that is cancelled, or the update gives up, the silo would exit, and silos started together on a busy
/// host were seen to (docs/operations.md). A stop signal (SIGTERM, Ctrl-C) is never retried, and a silo that cannot
/// join after its attempts still exits with the last failure: a real misconfiguration is reported, not hidden.
/// </summary>
internal static class JoiningSilo
{
    private const int DefaultAttempts = 3;

    public static async Task<WebApplication> StartAsync(Func<WebApplication> build)
    {
        using var signals = new StopSignals();
        for (var attempt = 1; ; attempt++)
        {
            var app = build();
            var attempts = Math.Max(1, app.Configuration.GetValue("Chat:Silo:JoinAttempts", DefaultAttempts));
            try
            {
                await app.StartAsync();
                if (attempt > 1) app.Logger.LogInformation("The silo joined the cluster at attempt {Attempt} of {Attempts}", attempt, attempts);
                return app;
            }
            catch (Exception failure) when (attempt < attempts && !signals.Received && IsFailedJoin(failure))
            {
                var wait = TimeSpan.FromSeconds(5 * attempt);
                app.Logger.LogWarning(failure,
                    "The silo failed to join the cluster (attempt {Attempt} of {Attempts}); retrying its join with a new host in {Wait}",
                    attempt, attempts, wait);
                await StopAsync(app);
                await Task.Delay(wait);
            }
        }
    }

    /// <summary>
    /// A failure of the join itself: the membership status update given up or cancelled, the lifecycle cancelled, or
    /// peers not answering the connectivity check. Configuration and schema errors are not among them.
    /// </summary>
    private static bool IsFailedJoin(Exception failure) => Causes(failure).Any(cause => cause
        is OperationCanceledException
        or OrleansLifecycleCanceledException
        or OrleansClusterConnectivityCheckFailedException
        || (cause is OrleansException && cause.Message.Contains("failed to update its status", StringComparison.Ordinal)));

    private static IEnumerable<Exception> Causes(Exception failure) => failure is AggregateException aggregate
        ? aggregate.InnerExceptions.SelectMany(Causes)
        : failure.InnerException is { } inner ? [failure, .. Causes(inner)] : [failure];

    /// <summary>Stops the failed host so that its ports (HTTP, silo, gateway) are free for the next one.</summary>
    private static async Task StopAsync(WebApplication app)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await app.StopAsync(patience.Token);
        }
        catch (Exception exception)
        {
            app.Logger.LogWarning(exception, "The host that failed to join did not stop cleanly");
        }
        await app.DisposeAsync();
    }

    /// <summary>Whether the process was told to stop, so that a start cancelled by a stop signal is not retried.</summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations;
        private volatile bool _received;

        public StopSignals() => _registrations = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => _received = true))];

        public bool Received => _received;

        public void Dispose()
        {
            foreach (var registration in _registrations) registration.Dispose();
        }
    }
}
