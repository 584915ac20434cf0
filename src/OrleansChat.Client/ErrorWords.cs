using System.Net;

namespace OrleansChat.Client;

/// <summary>The protocol's error words and the HTTP statuses they stand for.</summary>
internal static class ErrorWords
{
    private static readonly Dictionary<string, HttpStatusCode> Statuses = new()
    {
        ["invalid"] = HttpStatusCode.BadRequest,
        ["unauthorized"] = HttpStatusCode.Unauthorized,
        ["forbidden"] = HttpStatusCode.Forbidden,
        ["not-found"] = HttpStatusCode.NotFound,
        ["conflict"] = HttpStatusCode.Conflict,
        ["too-large"] = HttpStatusCode.RequestEntityTooLarge,
        ["unsupported-type"] = HttpStatusCode.UnsupportedMediaType,
        ["rate-limited"] = HttpStatusCode.TooManyRequests,
        ["unavailable"] = HttpStatusCode.ServiceUnavailable,
    };

    public static string Of(HttpStatusCode status) =>
        Statuses.FirstOrDefault(pair => pair.Value == status).Key ?? "error";

    public static HttpStatusCode StatusOf(string word) =>
        Statuses.TryGetValue(word, out var status) ? status : HttpStatusCode.InternalServerError;
}
