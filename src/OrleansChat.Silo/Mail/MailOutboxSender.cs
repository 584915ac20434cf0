using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using OrleansChat.Grains.Mail;

namespace OrleansChat.Silo.Mail;

/// <summary>
/// Sends what the outbox holds through the configured SMTP server, on every silo (claims keep two from sending one
/// mail). A mail that fails waits longer after each failure and is tried again until it goes: an SMTP server that
/// is down delays mail, and nothing that was queued is dropped.
/// </summary>
public sealed class MailOutboxSender(IMailOutbox outbox, IOptions<EmailOptions> options, TimeProvider clock, ILogger<MailOutboxSender> logger)
    : BackgroundService
{
    /// <summary>Mails claimed at a time.</summary>
    private const int Batch = 20;

    /// <summary>How long a claimed mail is this sender's before another may try it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A full batch: more may be due.
                while (await SendDueAsync(stoppingToken) == Batch) { }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "The mail outbox could not be read; trying again later");
            }
        }
    }

    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await outbox.ClaimDueAsync(now, now + Lease, Batch, cancellationToken);
        if (due.Count == 0) return 0;
        using var smtp = new SmtpClient();
        try
        {
            await ConnectAsync(smtp, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            foreach (var mail in due) await PostponeAsync(mail, exception);
            return due.Count;
        }
        foreach (var mail in due)
        {
            try
            {
                await smtp.SendAsync(ToMessage(mail.Mail), cancellationToken);
                await outbox.MarkSentAsync(mail.Id, clock.GetUtcNow(), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await PostponeAsync(mail, exception);
                if (!smtp.IsConnected) return due.Count;
            }
        }
        await smtp.DisconnectAsync(quit: true, cancellationToken);
        return due.Count;
    }

    private async Task ConnectAsync(SmtpClient smtp, CancellationToken cancellationToken)
    {
        var email = options.Value;
        await smtp.ConnectAsync(email.Host!, email.Port, Enum.Parse<SecureSocketOptions>(email.Tls, ignoreCase: true), cancellationToken);
        if (email.User is { Length: > 0 } user) await smtp.AuthenticateAsync(user, email.Password ?? "", cancellationToken);
    }

    private async Task PostponeAsync(QueuedMail mail, Exception exception)
    {
        var email = options.Value;
        var delay = TimeSpan.FromTicks(Math.Min(email.MaxRetryDelay.Ticks, email.RetryDelay.Ticks * (1L << Math.Min(mail.Attempts - 1, 20))));
        logger.LogWarning("Mail {MailId} (attempt {Attempts}) failed: {Error}; retrying in {Delay}", mail.Id, mail.Attempts, exception.Message, delay);
        // Left claimed if this fails too: the lease ends and it is tried again then.
        await outbox.PostponeAsync(mail.Id, clock.GetUtcNow() + delay, exception.Message, CancellationToken.None);
    }

    private MimeMessage ToMessage(OutgoingMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject, Body = new TextPart("plain") { Text = mail.Body } };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }
}
