namespace OrleansChat.Bench.Scenarios.Ai;

/// <summary>
/// One way of asking (streamed as server-sent events, or the answer whole as JSON) at one number of callers: when
/// the first words reached the caller and when the answer was complete, in ms.
/// </summary>
public sealed record AiResult(bool Streamed, int Callers, int Answers, int Errors, double FirstWordsP50, double FirstWordsP99, double CompleteP50, double CompleteP99);
