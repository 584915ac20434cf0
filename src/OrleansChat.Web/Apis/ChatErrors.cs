using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Apis;

/// <summary>How a refusal reads over each transport: an HTTP status for REST, a leading word for SignalR.</summary>
public static class ChatErrors
{
    public static int Status(ChatError error) => error switch
    {
        ChatError.Invalid => StatusCodes.Status400BadRequest,
        ChatError.Forbidden => StatusCodes.Status403Forbidden,
        ChatError.NotFound => StatusCodes.Status404NotFound,
        ChatError.Conflict => StatusCodes.Status409Conflict,
        ChatError.RateLimited => StatusCodes.Status429TooManyRequests,
        ChatError.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ChatError.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ChatError.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string Word(ChatError error) => error switch
    {
        ChatError.Invalid => "invalid",
        ChatError.Forbidden => "forbidden",
        ChatError.NotFound => "not-found",
        ChatError.Conflict => "conflict",
        ChatError.RateLimited => "rate-limited",
        ChatError.Unavailable => "unavailable",
        ChatError.TooLarge => "too-large",
        ChatError.UnsupportedType => "unsupported-type",
        _ => "error",
    };

    /// <summary>
    /// The refusal an exception carries: itself, or one that Orleans wrapped on its way. A grain whose state cannot be
    /// read fails its activation with <c>unavailable</c> (StoreLoading), and Orleans' storage bridge hands every
    /// storage failure that is not its own on inside an <see cref="OrleansException"/>.
    /// </summary>
    public static ChatException? Refusal(Exception exception)
    {
        for (var current = exception; current is not null; current = current is OrleansException ? current.InnerException : null)
        {
            if (current is ChatException refusal) return refusal;
        }
        return null;
    }

    /// <summary>
    /// The cluster could not be reached or did not answer in time: the call may be retried (sends are idempotent).
    /// </summary>
    public static bool IsClusterUnavailable(Exception exception) => exception
        is SiloUnavailableException
        or OrleansMessageRejectionException
        or ConnectionFailedException
        or GatewayTooBusyException
        or TimeoutException;

    public const string ClusterUnavailableMessage = "The chat cluster is unavailable; nothing was changed. Retry shortly.";
}
