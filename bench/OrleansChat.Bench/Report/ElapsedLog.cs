using System.Diagnostics;
using System.Text;

namespace OrleansChat.Bench.Report;

/// <summary>The run's log with the minutes and seconds since the run began before every line: where a part's time goes.</summary>
public sealed class ElapsedLog(TextWriter inner) : TextWriter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public override Encoding Encoding => inner.Encoding;

    public override void WriteLine(string? value) => inner.WriteLine($"{(int)_clock.Elapsed.TotalMinutes:D2}:{_clock.Elapsed.Seconds:D2} {value}");

    public override void Write(char value) => inner.Write(value);

    public override void Flush() => inner.Flush();
}
