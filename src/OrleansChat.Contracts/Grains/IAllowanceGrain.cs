namespace OrleansChat.Contracts;

/// <summary>
/// One caller's allowance of one limit across the whole cluster (key: <c>{limit}/{caller}</c>, e.g.
/// <c>messages/alice</c>): every web node asks the same activation, so sends spread over several nodes count once.
/// The count lives in memory only: a silo that dies forgets the current minute, which at worst lets that caller have
/// one more minute's allowance (docs/operations.md).
/// </summary>
public interface IAllowanceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes one permit of the current one-minute window if fewer than <paramref name="permitsPerMinute"/> were taken
    /// in it. The limit comes with each call because web nodes hold the configuration.
    /// </summary>
    Task<PermitAnswer> Take(int permitsPerMinute);
}

/// <summary>The keys of <see cref="IAllowanceGrain"/>s, <c>{limit}/{caller}</c>, and the limits a grain takes itself.</summary>
public static class AllowanceKeys
{
    /// <summary>A user's messages: sends (taken by the room, see <see cref="NewMessage.MessagesPerMinute"/>), uploads, edits, moderation, notes.</summary>
    public const string Messages = "messages";

    public static string Of(string limit, string caller) => $"{limit}/{caller}";
}

/// <summary>Whether a permit was granted, and how long until the window that refused it ends.</summary>
[GenerateSerializer, Immutable]
public sealed record PermitAnswer([property: Id(0)] bool Granted, [property: Id(1)] TimeSpan RetryAfter);
