using OrleansChat.Grains.Mail;

namespace OrleansChat.Storage.Sql;

/// <summary>The mail outbox in the <c>mail_outbox</c> table.</summary>
public sealed class SqlMailOutbox(IChatDatabase database, TimeProvider clock) : IMailOutbox
{
    public Task EnqueueAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var mail in mails)
            {
                await using var insert = connection.CreateCommand(
                        "INSERT INTO mail_outbox (mail_key, recipient, subject, body, queued_at_ms, due_at_ms) " +
                        "VALUES (@key, @to, @subject, @body, @now, @now) ON CONFLICT (mail_key) DO NOTHING", transaction)
                    .With("@key", mail.Key).With("@to", mail.To).With("@subject", mail.Subject).With("@body", mail.Body).With("@now", now);
                await insert.ExecuteNonQueryAsync(cancelled);
            }
            return mails.Count;
        }, cancellationToken);

    public Task<IReadOnlyList<QueuedMail>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            // The outer condition again: a sender whose claim raced another's skips the rows the other took.
            const string due = "sent_at_ms IS NULL AND due_at_ms <= @now";
            await using var claim = connection.CreateCommand(
                    $"UPDATE mail_outbox SET due_at_ms = @lease, attempts = attempts + 1 WHERE {due} AND id IN " +
                    $"(SELECT id FROM mail_outbox WHERE {due} ORDER BY id LIMIT @max) " +
                    "RETURNING id, mail_key, recipient, subject, body, attempts", transaction)
                .With("@now", now.ToUnixTimeMilliseconds()).With("@lease", leaseUntil.ToUnixTimeMilliseconds()).With("@max", max);
            var claimed = new List<QueuedMail>();
            await using var reader = await claim.ExecuteReaderAsync(cancelled);
            while (await reader.ReadAsync(cancelled))
            {
                var mail = new OutgoingMail(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
                claimed.Add(new QueuedMail(reader.GetInt64(0), mail, reader.GetInt32(5)));
            }
            return (IReadOnlyList<QueuedMail>)claimed.OrderBy(m => m.Id).ToArray();
        }, cancellationToken);

    public Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var update = connection.CreateCommand("UPDATE mail_outbox SET sent_at_ms = @at, last_error = NULL WHERE id = @id", transaction)
                .With("@at", sentAt.ToUnixTimeMilliseconds()).With("@id", id);
            return await update.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public Task PostponeAsync(long id, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var update = connection.CreateCommand(
                    "UPDATE mail_outbox SET due_at_ms = @at, last_error = @error WHERE id = @id AND sent_at_ms IS NULL", transaction)
                .With("@at", retryAt.ToUnixTimeMilliseconds()).With("@error", error).With("@id", id);
            return await update.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);
}
