using OrleansChat.Bench.Load;

namespace OrleansChat.Bench.Scenarios.Tracing;

/// <summary>
/// One sample ratio's step (<see cref="SampleRatio"/> null: no OTLP endpoint): latency and loss, server CPU per 1,000
/// messages sent, and what was exported.
/// </summary>
public sealed record TracingResult(double? SampleRatio, int ConnectionsOpened, StepResult Step, double CpuSecondsPer1000Sends, long TraceExports, long TraceBytes);
