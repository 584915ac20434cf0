using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace OrleansChat.Client;

/// <summary>
/// A token hook for tokens this deployment issues: the first call hands out the token signed in with, every later
/// one renews the latest through <c>POST /api/auth/refresh</c> (which works while the sign-in lasts). Tokens of
/// another issuer are renewed by it: write a hook that asks your identity provider instead.
/// </summary>
public sealed class TokenRenewal
{
    private readonly Uri _baseAddress;
    private readonly HttpMessageHandler? _handler;
    private IssuedToken _latest;
    private bool _handedOut;

    public TokenRenewal(Uri baseAddress, IssuedToken signedIn, HttpMessageHandler? handler = null)
    {
        _baseAddress = baseAddress;
        _latest = signedIn;
        _handler = handler;
    }

    /// <summary>Who the tokens are for.</summary>
    public ChatUser User => _latest.User;

    /// <summary>
    /// Signs in with <c>POST /api/auth/token</c>, the development login (on in the Development environment, elsewhere
    /// only with <c>Chat:Auth:DevLogin</c>).
    /// </summary>
    public static async Task<TokenRenewal> DevLoginAsync(Uri baseAddress, string userId, string? displayName = null, string? role = null,
        string? siteId = null, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        using var http = Client(baseAddress, handler);
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { userId, displayName, role, siteId }, ChatJson.Options, cancellationToken);
        return new TokenRenewal(baseAddress, await ReadAsync(response, cancellationToken), handler);
    }

    /// <summary>The hook for <see cref="ChatClientOptions.AccessToken"/>.</summary>
    public async ValueTask<string> NextAsync(CancellationToken cancellationToken)
    {
        if (!_handedOut)
        {
            _handedOut = true;
            return _latest.AccessToken;
        }
        using var http = Client(_baseAddress, _handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _latest.AccessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        _latest = await ReadAsync(response, cancellationToken);
        return _latest.AccessToken;
    }

    private static HttpClient Client(Uri baseAddress, HttpMessageHandler? handler)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = baseAddress;
        return http;
    }

    private static async Task<IssuedToken> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var word = ErrorWords.Of(response.StatusCode);
            throw new ChatRequestException(response.StatusCode, word, $"{(int)response.StatusCode} {word}: the token was not issued.");
        }
        return await response.Content.ReadFromJsonAsync<IssuedToken>(ChatJson.Options, cancellationToken)
            ?? throw new InvalidDataException("The token endpoint answered no body.");
    }
}
