namespace OrleansChat.Client;

/// <summary>
/// The token REST calls and the hub use, from the application's hook: asked for at first use, again once half of
/// its lifetime has passed (so that no call goes out with a token about to end), and when the server answers 401.
/// </summary>
internal sealed class AccessTokens(Func<CancellationToken, ValueTask<string>> renew, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    /// <summary>When the current token should be replaced; before the first, now.</summary>
    public DateTimeOffset RenewAt => _token is null ? DateTimeOffset.MinValue : _renewAt;

    public async ValueTask<string> CurrentAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is not null && time.GetUtcNow() < _renewAt) return token;
        return await RenewAsync(token, cancellationToken);
    }

    /// <summary>A token other than <paramref name="refused"/>: the hook's next one, unless another caller got it meanwhile.</summary>
    public async ValueTask<string> RenewAsync(string? refused, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && _token != refused && time.GetUtcNow() < _renewAt) return _token;
            var token = await renew(cancellationToken);
            var now = time.GetUtcNow();
            // A token without a readable expiry is renewed on 401 only; one already ended, at the next use.
            _renewAt = JwtExpiry.Read(token) is { } expiresAt
                ? now + (expiresAt > now ? (expiresAt - now) / 2 : TimeSpan.Zero)
                : DateTimeOffset.MaxValue;
            _token = token;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
