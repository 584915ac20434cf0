namespace OrleansChat.Client;

/// <summary>
/// The REST API, typed: every call sends the hook's token (renewed on 401) and turns a refusal into a
/// <see cref="ChatRequestException"/> with its status and word. Usable alone or through <see cref="ChatConnection.Api"/>.
/// </summary>
public sealed partial class ChatApi : IDisposable
{
    private readonly ChatHttp _http;

    public ChatApi(ChatClientOptions options)
        : this(new ChatHttp(options, new AccessTokens(options.AccessToken, options.TimeProvider)))
    {
    }

    internal ChatApi(ChatHttp http) => _http = http;

    internal AccessTokens Tokens => _http.Tokens;

    public void Dispose() => _http.Dispose();

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Query(params (string Name, object? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!)}")
            .ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
