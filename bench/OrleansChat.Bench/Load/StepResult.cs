namespace OrleansChat.Bench.Load;

/// <summary>
/// One load step: the rate asked for, what was delivered (duplicates left out), what was lost, copies received
/// more than once (clients dedupe by seq; the count is an upper bound, as it includes late copies of sends whose
/// ack never came), latency percentiles (ms) of every copy received, and of the sends' acknowledgements.
/// </summary>
public sealed record StepResult(
    string Label,
    int TargetDeliveriesPerSecond,
    double AchievedDeliveriesPerSecond,
    long ExpectedDeliveries,
    long ReceivedDeliveries,
    long LostDeliveries,
    int ConnectionsMissingMessages,
    long Duplicates,
    long SendErrors,
    long Unsent,
    double P50,
    double P95,
    double P99,
    double Max,
    double AckP50,
    double AckP99)
{
    public bool NothingLost => LostDeliveries == 0 && SendErrors == 0 && Unsent == 0;
}
