namespace OrleansChat.Partitions;

/// <summary>A stretch of the run: a fault injected at <see cref="From"/>, healed at <see cref="HealedAt"/>, judged until the next phase begins.</summary>
public sealed record FaultPhase(string Name, DateTime From, DateTime HealedAt, DateTime Until);
