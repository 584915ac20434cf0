using Microsoft.AspNetCore.Mvc;

namespace OrleansChat.Web.Apis;

/// <summary>
/// How large a request body each endpoint reads, far below Kestrel's 30 MB default: a larger one is answered 413
/// before it is read (problem details, through <see cref="ChatProblemHandler"/>).
/// </summary>
public static class BodyLimits
{
    /// <summary>Sign-in and session requests: a few ids and a name.</summary>
    public const long Small = 16 * 1024;

    /// <summary>The REST API: the largest is a message of 4,000 characters.</summary>
    public const long Standard = 64 * 1024;

    /// <summary>An AI conversation: up to 50 turns of 4,000 characters.</summary>
    public const long AiConversation = 1024 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
}
