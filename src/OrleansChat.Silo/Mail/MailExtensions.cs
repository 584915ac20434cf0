using MailKit.Security;
using MimeKit;
using OrleansChat.Grains.Mail;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Silo.Mail;

public static class MailExtensions
{
    /// <summary>The outbox the desk queues mail in, and, where <c>Chat:Email:Host</c> is set, the sender that empties it.</summary>
    public static IServiceCollection AddChatMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EmailOptions.SectionName);
        services.AddOptions<EmailOptions>().Bind(section)
            .Validate(o => Enum.TryParse<SecureSocketOptions>(o.Tls, ignoreCase: true, out _), "Chat:Email:Tls must be Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect.")
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Chat:Email:From must be an address, e.g. Support <support@example.com>.")
            .ValidateOnStart();
        services.AddSingleton<IMailOutbox, SqlMailOutbox>();
        if (section.Get<EmailOptions>()?.IsConfigured == true) services.AddHostedService<MailOutboxSender>();
        return services;
    }
}
