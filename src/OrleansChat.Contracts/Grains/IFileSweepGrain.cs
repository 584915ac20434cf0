namespace OrleansChat.Contracts;

/// <summary>
/// Forgets uploads that no message carries (one activation: key 0). The web tier removes their bytes afterwards,
/// so a file can never be sent once its bytes may be gone.
/// </summary>
public interface IFileSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Forgets up to <paramref name="max"/> unsent files uploaded before <paramref name="uploadedBefore"/>; returns them.</summary>
    Task<IReadOnlyList<Attachment>> TakeUnsent(DateTimeOffset uploadedBefore, int max);
}
