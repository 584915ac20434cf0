using System.Net;

namespace OrleansChat.Client;

/// <summary>
/// The server refused a request: over REST its problem details, over the hub its error word. <c>Word</c> is the
/// protocol's (<c>invalid</c>, <c>unauthorized</c>, <c>forbidden</c>, <c>not-found</c>, <c>conflict</c>,
/// <c>too-large</c>, <c>unsupported-type</c>, <c>rate-limited</c>, <c>unavailable</c>), <c>Status</c> its HTTP status.
/// </summary>
public sealed class ChatRequestException(
    HttpStatusCode status,
    string word,
    string message,
    IReadOnlyDictionary<string, string[]>? errors = null,
    TimeSpan? retryAfter = null) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string Word { get; } = word;

    /// <summary>Validation errors per field (<c>400</c> over REST).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    /// <summary>When the server said to come back (<c>429</c>, <c>503</c>).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Whether the same request may succeed later; refusals of its content or the caller's right never do.</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError;
}
