namespace OrleansChat.Client;

/// <summary>Where the chat is and how to get a token; shared by <see cref="ChatApi"/> and <see cref="ChatConnection"/>.</summary>
public sealed class ChatClientOptions
{
    /// <summary>The deployment's address, e.g. <c>http://localhost:5080</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>
    /// Returns a fresh access token. Called at first use, before the current token ends (at half its lifetime),
    /// and whenever the server answers 401; used for REST and the hub alike. <see cref="TokenRenewal"/> makes one.
    /// </summary>
    public required Func<CancellationToken, ValueTask<string>> AccessToken { get; init; }

    /// <summary>For tests and custom transports; the client owns neither.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>How long one REST call or hub send may take before it counts as lost and is retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
