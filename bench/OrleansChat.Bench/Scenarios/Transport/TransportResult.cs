using OrleansChat.Bench.Load;
using OrleansChat.Bench.Load.Clients;

namespace OrleansChat.Bench.Scenarios.Transport;

/// <summary>
/// One way of connecting under the same chat load: what the servers spent (CPU of every process, HTTP requests,
/// loopback bytes) over the step's fixed window, per delivered message, and with the clients idle.
/// </summary>
public sealed record TransportResult(
    ClientKind Kind,
    int ConnectionsOpened,
    string? ConnectError,
    double IdleCpuPercent,
    double IdleRequestsPerSecond,
    StepResult Step,
    double CpuSecondsPer1000Deliveries,
    double RequestsPerSecond,
    double BytesPerDelivery,
    long SendRetries);
