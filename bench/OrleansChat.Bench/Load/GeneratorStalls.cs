namespace OrleansChat.Bench.Load;

/// <summary>
/// What the load generator itself did during a step: its collections and the time they paused it, and its thread
/// pool's size. The generator shares the cores and its pauses delay every system's deliveries alike: the run's log
/// shows them beside each step's tail, so that a tail the generator made is told from one the server made.
/// </summary>
public readonly record struct GeneratorStalls(int Gen0, int Gen1, int Gen2, TimeSpan Paused, int Threads)
{
    public static GeneratorStalls Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), ThreadPool.ThreadCount);

    public GeneratorStalls Since(GeneratorStalls start) =>
        new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused, Threads);

    public override string ToString() =>
        $"generator GCs {Gen0}/{Gen1}/{Gen2} paused {Paused.TotalMilliseconds:F0} ms, {Threads} pool threads";
}
