namespace OrleansChat.Contracts;

/// <summary>The protocol's error words: each maps to one HTTP status and one <c>HubException</c> prefix.</summary>
public enum ChatError { Invalid, Forbidden, NotFound, Conflict, RateLimited, Unavailable, TooLarge, UnsupportedType }

/// <summary>A refusal that reaches the caller as it is: the grain or the web tier changed nothing.</summary>
[GenerateSerializer]
public sealed class ChatException(ChatError error, string message) : Exception(message)
{
    [Id(0)]
    public ChatError Error { get; } = error;

    /// <summary>For <see cref="ChatError.RateLimited"/>: how long until the caller may try again.</summary>
    [Id(1)]
    public TimeSpan RetryAfter { get; private init; }

    public static ChatException Invalid(string message) => new(ChatError.Invalid, message);
    public static ChatException Forbidden(string message) => new(ChatError.Forbidden, message);
    public static ChatException NotFound(string message) => new(ChatError.NotFound, message);
    public static ChatException Conflict(string message) => new(ChatError.Conflict, message);
    public static ChatException RateLimited(string message, TimeSpan retryAfter) => new(ChatError.RateLimited, message) { RetryAfter = retryAfter };
    public static ChatException Unavailable(string message) => new(ChatError.Unavailable, message);
    public static ChatException TooLarge(string message) => new(ChatError.TooLarge, message);
    public static ChatException UnsupportedType(string message) => new(ChatError.UnsupportedType, message);
}
