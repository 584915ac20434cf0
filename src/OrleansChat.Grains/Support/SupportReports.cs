using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>The figures of a report row from the outcomes of its conversations.</summary>
public static class SupportReports
{
    public static SupportReportRow RowOf(string? agentId, IReadOnlyList<SupportOutcome> outcomes)
    {
        var firstResponses = outcomes
            .Where(o => o.FirstVisitorMessageAt is not null && o.FirstResponseAt is not null)
            .Select(o => (o.FirstResponseAt!.Value - o.FirstVisitorMessageAt!.Value).TotalSeconds);
        var resolutions = outcomes.Select(o => (o.ResolvedAt - o.CreatedAt).TotalSeconds);
        var ratings = outcomes.Where(o => o.Rating is not null).Select(o => o.Rating!.Value).ToArray();
        return new SupportReportRow(
            agentId, outcomes.Count, Spread(firstResponses), Spread(resolutions),
            ratings.Length == 0 ? null : Math.Round(ratings.Average(), 2), ratings.Length);
    }

    /// <summary>Median and 90th percentile by nearest rank (a value that occurred, not an interpolation).</summary>
    public static SupportDurations Spread(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        if (sorted.Length == 0) return new SupportDurations(null, null);
        double Rank(double percentile) => sorted[Math.Max(0, (int)Math.Ceiling(percentile * sorted.Length) - 1)];
        return new SupportDurations(Rank(0.5), Rank(0.9));
    }
}
