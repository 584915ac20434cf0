namespace OrleansChat.Bench.Scenarios.Search;

/// <summary>The search benchmark's knobs: the room's history, and how many searches are timed (after a warm-up).</summary>
public sealed record SearchSettings(int Messages, int Queries, int WarmUpQueries, int PageSize)
{
    public static SearchSettings Full { get; } = new(1_000_000, 500, 50, 20);

    public static SearchSettings Quick { get; } = new(100_000, 200, 20, 20);
}
