using System.Diagnostics;

namespace OrleansChat.Bench.Report;

/// <summary>How long each part of a run took, so that the report shows where a full run's minutes go.</summary>
public sealed class PartTimes(TextWriter log)
{
    private readonly List<(string Part, TimeSpan Took)> _parts = [];
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

    public IReadOnlyList<(string Part, TimeSpan Took)> Parts => _parts;

    /// <summary>Ends <paramref name="part"/>, which began when the last one ended; a part the run left out is not recorded.</summary>
    public void Lap(string part, bool ran)
    {
        if (ran)
        {
            _parts.Add((part, _sinceLast.Elapsed));
            log.WriteLine($"[{part}] took {_sinceLast.Elapsed.TotalMinutes:F1} min");
        }
        _sinceLast.Restart();
    }
}
