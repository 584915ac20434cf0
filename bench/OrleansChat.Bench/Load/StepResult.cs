namespace OrleansChat.Bench.Load;

/// <summary>One load step: the rate asked for, what was delivered, what was lost, and latency percentiles (ms).</summary>
public sealed record StepResult(
    string Label,
    int TargetDeliveriesPerSecond,
    double AchievedDeliveriesPerSecond,
    long ExpectedDeliveries,
    long ReceivedDeliveries,
    long LostDeliveries,
    int ConnectionsMissingMessages,
    long SendErrors,
    long Unsent,
    double P50,
    double P95,
    double P99,
    double Max)
{
    public bool NothingLost => LostDeliveries == 0 && SendErrors == 0 && Unsent == 0;
}
