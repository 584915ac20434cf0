namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// Keeps every core of the machine busy from the test process (threads that spin until disposed), so that the
/// processes a test starts meet the scheduling delays of a loaded host: slow connects, late timers, long GC pauses.
/// </summary>
public sealed class BusyCores : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread[] _spinners;

    public BusyCores(int threadsPerCore = 2)
    {
        _spinners = Enumerable.Range(0, Environment.ProcessorCount * threadsPerCore)
            .Select(i => new Thread(Spin) { IsBackground = true, Name = $"busy-{i}" })
            .ToArray();
        foreach (var spinner in _spinners) spinner.Start();
    }

    private void Spin()
    {
        var token = _stop.Token;
        var sink = 0UL;
        while (!token.IsCancellationRequested) sink = unchecked(sink * 31 + 7);
        GC.KeepAlive(sink);
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var spinner in _spinners) spinner.Join();
        _stop.Dispose();
    }
}
