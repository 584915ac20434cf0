using OrleansChat.Contracts;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// Which seqs a history page covers. Seqs run 1..lastSeq with no gaps, so a page is plain arithmetic. A seq
/// past the end comes from an epoch before a restore (the client held more than the log now has): the latest
/// page, whose epoch tells the client to start over, rather than an empty one that would leave it waiting. Seqs
/// below <c>firstSeq</c> were archived: a page never reaches below it.
/// </summary>
internal readonly record struct HistoryRange(long FromSeq, long ToSeq, bool HasMore)
{
    public bool IsEmpty => FromSeq > ToSeq;

    public static HistoryRange For(HistoryQuery query, long firstSeq, long lastSeq)
    {
        if (query.After is { } after && after <= lastSeq)
        {
            after = Math.Max(after, firstSeq - 1);
            var to = Math.Min(after + query.Limit, lastSeq);
            return new(after + 1, to, to < lastSeq);
        }
        var end = Math.Min((query.Before ?? lastSeq + 1) - 1, lastSeq);
        var from = Math.Max(firstSeq, end - query.Limit + 1);
        return new(from, end, from > firstSeq && end >= firstSeq);
    }
}
