using OrleansChat.Grains.Mail;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Tests.Outboxes;

/// <summary>The mail outbox on both engines: queued once per key, claimed by one sender at a time, retried until sent.</summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class MailOutboxTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Mail_is_queued_once_per_key_and_claimed_oldest_first_by_one_sender_until_its_lease_ends(string engine)
    {
        var outbox = new SqlMailOutbox(await engines.CreateMigratedAsync(engine), TimeProvider.System);
        var first = Mail("answer:1");
        var second = Mail("answer:2");
        await outbox.EnqueueAsync([first, second]);
        await outbox.EnqueueAsync([first with { Body = "told again" }]);

        var claimed = await outbox.ClaimDueAsync(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2), max: 10);
        Assert.Equal([first, second], claimed.Select(m => m.Mail));
        Assert.All(claimed, m => Assert.Equal(1, m.Attempts));

        // Claimed: no other sender takes them until the lease ends, then one does, as a second attempt.
        Assert.Empty(await outbox.ClaimDueAsync(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2), max: 10));
        var afterLease = await outbox.ClaimDueAsync(DateTimeOffset.UtcNow.AddMinutes(3), DateTimeOffset.UtcNow.AddMinutes(5), max: 1);
        Assert.Equal((first, 2), (afterLease.Single().Mail, afterLease.Single().Attempts));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_failed_mail_is_due_again_at_its_retry_time_and_a_sent_one_never_again(string engine)
    {
        var outbox = new SqlMailOutbox(await engines.CreateMigratedAsync(engine), TimeProvider.System);
        await outbox.EnqueueAsync([Mail("alert:1"), Mail("alert:2")]);
        var claimed = await outbox.ClaimDueAsync(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2), max: 10);

        await outbox.PostponeAsync(claimed[0].Id, Now.AddYears(10), "connection refused");
        await outbox.MarkSentAsync(claimed[1].Id, DateTimeOffset.UtcNow);

        Assert.Empty(await outbox.ClaimDueAsync(Now.AddYears(10).AddSeconds(-1), Now.AddYears(11), max: 10));
        var retried = await outbox.ClaimDueAsync(Now.AddYears(10), Now.AddYears(11), max: 10);
        Assert.Equal(("alert:1", 2), (retried.Single().Mail.Key, retried.Single().Attempts));
        await outbox.MarkSentAsync(retried[0].Id, DateTimeOffset.UtcNow);
        Assert.Empty(await outbox.ClaimDueAsync(Now.AddYears(20), Now.AddYears(21), max: 10));
    }

    private static OutgoingMail Mail(string key) => new(key, "visitor@example.com", $"About {key}", $"The body of {key}.");
}
