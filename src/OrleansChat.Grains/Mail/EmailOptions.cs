namespace OrleansChat.Grains.Mail;

/// <summary>How mail leaves, under <c>Chat:Email</c>. Without a <see cref="Host"/> the desk takes no addresses and sends nothing.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Chat:Email";

    /// <summary>The SMTP server.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured (MailKit's <c>SecureSocketOptions</c>): <c>Auto</c>, <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c>.</summary>
    public string Tls { get; set; } = "Auto";

    /// <summary>Signs in with these when set.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Support &lt;support@example.com&gt;</c>.</summary>
    public string From { get; set; } = "OrleansChat <support@localhost>";

    /// <summary>How often the outbox is looked at for mail that is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after a first failed attempt; it doubles with each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Where the desk's mails link to (the site's page or the agent console); optional.</summary>
    public string? ConsoleUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
