using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansChat.Client;

/// <summary>
/// HTTP with the bearer token: a 401 renews the token and tries once more; any other refusal becomes a
/// <see cref="ChatRequestException"/> read from the problem details.
/// </summary>
internal sealed class ChatHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly AccessTokens _tokens;

    public ChatHttp(ChatClientOptions options, AccessTokens tokens)
    {
        _http = options.HttpHandler is null ? new HttpClient() : new HttpClient(options.HttpHandler, disposeHandler: false);
        _http.BaseAddress = options.BaseAddress;
        _http.Timeout = options.RequestTimeout;
        _tokens = tokens;
    }

    public AccessTokens Tokens => _tokens;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, content, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ChatJson.Options, cancellationToken)
            ?? throw new JsonException($"{method} {path} answered no body.");
    }

    /// <summary>The successful response, for the caller to read and dispose.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        // Buffered so that a retry after 401 can send the same body again.
        if (content is not null) await content.LoadIntoBufferAsync(cancellationToken);
        var token = await _tokens.CurrentAsync(cancellationToken);
        var response = await SendOnceAsync(method, path, content, token, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            token = await _tokens.RenewAsync(token, cancellationToken);
            response = await SendOnceAsync(method, path, content, token, cancellationToken);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await RefusalAsync(response, cancellationToken);
    }

    public static JsonContent Json<T>(T body) => JsonContent.Create(body, options: ChatJson.Options);

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, HttpContent? content, string token,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request, cancellationToken);
        // The request owns its content; detach it so a retry can send it again.
        request.Content = null;
        return response;
    }

    private static async Task<ChatRequestException> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var word = ErrorWords.Of(response.StatusCode);
        var message = $"{(int)response.StatusCode} {word}";
        Dictionary<string, string[]>? errors = null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ChatJson.Options, cancellationToken);
            if ((problem?.Detail ?? problem?.Title) is { } said) message = $"{word}: {said}";
            errors = problem?.Errors;
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page): the status says enough.
        }
        return new ChatRequestException(response.StatusCode, word, message, errors, retryAfter);
    }

    private sealed record ProblemDetails(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
