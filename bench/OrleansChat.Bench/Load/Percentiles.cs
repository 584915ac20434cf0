namespace OrleansChat.Bench.Load;

public static class Percentiles
{
    /// <summary>The nearest-rank percentile of sorted values; NaN when there are none.</summary>
    public static double Of(double[] sorted, double percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
