namespace OrleansChat.Grains.Mail;

/// <summary>
/// Mail waiting to be sent, stored before anyone is told it will be: a sender claims what is due, and each mail is
/// either marked sent or put back for later, so that an SMTP server that is down delays mail without losing it.
/// </summary>
public interface IMailOutbox
{
    /// <summary>Queues mails; one whose <see cref="OutgoingMail.Key"/> was queued before is left out (a repeat).</summary>
    Task EnqueueAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="max"/> unsent mails due by <paramref name="now"/>, oldest first, each counted as an
    /// attempt and not due again before <paramref name="leaseUntil"/> (a sender that dies mid-send leaves them to
    /// another one then).
    /// </summary>
    Task<IReadOnlyList<QueuedMail>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken = default);

    Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken = default);

    /// <summary>A failed attempt: the mail is due again at <paramref name="retryAt"/>.</summary>
    Task PostponeAsync(long id, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default);
}

/// <summary>A mail to send. <see cref="Key"/> names what it is about (e.g. the message it carries), so that telling it twice queues it once.</summary>
public sealed record OutgoingMail(string Key, string To, string Subject, string Body);

/// <summary>A queued mail with its row id and how many attempts it has had (this one included).</summary>
public sealed record QueuedMail(long Id, OutgoingMail Mail, int Attempts);
