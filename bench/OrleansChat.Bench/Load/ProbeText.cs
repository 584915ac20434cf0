using System.Diagnostics;
using System.Globalization;

namespace OrleansChat.Bench.Load;

/// <summary>
/// The message text the load sends: "step:timestamp:" and padding. The timestamp is this process's
/// <see cref="Stopwatch"/> reading, so a receiver in the same process computes send-to-receive latency exactly.
/// </summary>
public static class ProbeText
{
    private const string Padding = "lorem ipsum dolor sit amet, consectetur adipiscing elit";

    public static string Create(int step) =>
        string.Create(CultureInfo.InvariantCulture, $"{step}:{Stopwatch.GetTimestamp()}:{Padding}");

    /// <summary>The step and the send timestamp, or false for a message the load did not send.</summary>
    public static bool TryRead(string text, out int step, out long sentAt)
    {
        step = 0;
        sentAt = 0;
        var span = text.AsSpan();
        var first = span.IndexOf(':');
        if (first <= 0 || !int.TryParse(span[..first], CultureInfo.InvariantCulture, out step)) return false;
        span = span[(first + 1)..];
        var second = span.IndexOf(':');
        return second > 0 && long.TryParse(span[..second], CultureInfo.InvariantCulture, out sentAt);
    }
}
