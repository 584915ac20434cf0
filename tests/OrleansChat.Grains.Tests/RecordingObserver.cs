using System.Threading.Channels;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests;

/// <summary>A web node's observer as a test sees it: every message, change and presence change pushed to it, as pushed (no dedupe, no reorder).</summary>
public sealed class RecordingObserver : IRoomObserver
{
    private readonly Channel<ChatMessage> _messages = Channel.CreateUnbounded<ChatMessage>();
    private readonly Channel<MessageChange> _changes = Channel.CreateUnbounded<MessageChange>();
    private readonly Channel<(string RoomId, PresenceChanged Presence)> _presence = Channel.CreateUnbounded<(string, PresenceChanged)>();
    private readonly Channel<MemberChanged> _memberChanges = Channel.CreateUnbounded<MemberChanged>();
    private readonly Channel<SupportNote> _notes = Channel.CreateUnbounded<SupportNote>();

    public Task OnMessages(string roomId, long accessRevision, IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages) _messages.Writer.TryWrite(message);
        return Task.CompletedTask;
    }

    /// <summary>The seqs of the first <paramref name="count"/> pushes, then a quiet second in which no other may come.</summary>
    public async Task<long[]> SeqsAsync(int count)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var seqs = new List<long>();
        while (seqs.Count < count) seqs.Add((await _messages.Reader.ReadAsync(patience.Token)).Seq);
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            seqs.Add((await _messages.Reader.ReadAsync(quiet.Token)).Seq);
        }
        catch (OperationCanceledException)
        {
        }
        return [.. seqs];
    }

    public Task OnChanges(string roomId, long accessRevision, IReadOnlyList<MessageChange> changes)
    {
        foreach (var change in changes) _changes.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    /// <summary>The next change pushed.</summary>
    public async Task<MessageChange> NextChangeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _changes.Reader.ReadAsync(patience.Token);
    }

    public Task OnTyping(long accessRevision, TypingChanged typing) => Task.CompletedTask;
    public Task OnPresence(string roomId, long accessRevision, PresenceChanged presence)
    {
        _presence.Writer.TryWrite((roomId, presence));
        return Task.CompletedTask;
    }

    /// <summary>The next presence change pushed, with the room it came through.</summary>
    public async Task<(string RoomId, PresenceChanged Presence)> NextPresenceAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _presence.Reader.ReadAsync(patience.Token);
    }
    public Task OnMemberJoined(long accessRevision, MemberJoined joined) => Task.CompletedTask;
    public Task OnMemberLeft(long accessRevision, MemberLeft left) => Task.CompletedTask;
    public Task OnMemberChanged(long accessRevision, MemberChanged changed)
    {
        _memberChanges.Writer.TryWrite(changed);
        return Task.CompletedTask;
    }

    /// <summary>The next change of a member's role or mute pushed.</summary>
    public async Task<MemberChanged> NextMemberChangedAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _memberChanges.Reader.ReadAsync(patience.Token);
    }
    public Task OnReadReceipt(long accessRevision, ReadReceipt receipt) => Task.CompletedTask;
    public Task OnAssistantDelta(long accessRevision, AssistantDelta delta) => Task.CompletedTask;
    public Task OnSupportChanged(string roomId, long accessRevision, SupportChanged change) => Task.CompletedTask;
    public Task OnSupportNote(string roomId, long accessRevision, SupportNote note)
    {
        _notes.Writer.TryWrite(note);
        return Task.CompletedTask;
    }

    /// <summary>The notes pushed so far and until a quiet second passes with no other.</summary>
    public async Task<IReadOnlyList<SupportNote>> NotesAsync()
    {
        var notes = new List<SupportNote>();
        while (true)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                notes.Add(await _notes.Reader.ReadAsync(quiet.Token));
            }
            catch (OperationCanceledException)
            {
                return notes;
            }
        }
    }
}
