namespace OrleansChat.Bench.Scenarios.Ai;

/// <summary>
/// The AI benchmark's knobs: a model that writes <see cref="Pieces"/> pieces <see cref="PieceDelay"/> apart (about a
/// short answer at a hosted model's pace), asked by 1 and by <see cref="ManyCallers"/> callers at once, each
/// <see cref="Rounds"/> times, as a stream and as a whole answer.
/// </summary>
public sealed record AiSettings(int Pieces, TimeSpan PieceDelay, int ManyCallers, int Rounds)
{
    public static AiSettings Full { get; } = new(60, TimeSpan.FromMilliseconds(25), 50, 4);

    public static AiSettings Quick { get; } = new(20, TimeSpan.FromMilliseconds(25), 10, 2);

    public TimeSpan ModelTime => Pieces * PieceDelay;
}
