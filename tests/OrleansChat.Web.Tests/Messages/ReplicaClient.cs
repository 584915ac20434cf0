using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Messages;

/// <summary>
/// A member as a careful client follows a room: one live connection at a time, whose pushes wait in an inbox, in the
/// order they arrived, until the client reads them; a <see cref="RoomReplica"/> it keeps by the README's rules; a
/// gap fill over REST for messages and <c>GetChanges</c> for changes; and, coming back, <c>JoinRoom(afterSeq)</c>
/// then the changes after its old cursor. It counts the changes pushed to it, and those that stood for others left out
/// of a coalesced push (a client that asks for changes <paramref name="coalesced"/>).
/// </summary>
internal sealed class ReplicaClient(ChatTestClient user, string roomId, bool coalesced = false)
{
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>();
    private bool _joined;

    public ChatTestClient User => user;
    public RoomReplica Replica { get; } = new(user.UserId);
    public ChatTestClient.LiveConnection? Live { get; private set; }

    /// <summary>Changes pushed to the client.</summary>
    public int PushedChanges { get; private set; }

    /// <summary>Pushed changes that named the change they follow: changes were left out before them.</summary>
    public int CoalescedPushes { get; private set; }

    /// <summary>What the client did, for a failure's report.</summary>
    public List<string> Journal { get; } = [];

    /// <summary>
    /// Connects and joins; coming back, as a client that lost track would, from <paramref name="seqsBack"/> messages
    /// and <paramref name="changesBack"/> changes before what it holds.
    /// </summary>
    public async Task ConnectAsync(int seqsBack = 0, int changesBack = 0)
    {
        if (Live is not null) await DisconnectAsync();
        var afterSeq = Math.Max(0, Replica.ContiguousSeq - seqsBack);
        var afterChange = Math.Max(0, Replica.Cursor - changesBack);
        var live = await user.ConnectWhenAllowedAsync(coalesced ? "coalesced-changes" : null);
        live.Hub.On<ChatMessage>("MessageReceived", m => _inbox.Writer.TryWrite(m));
        live.Hub.On<MessageChange[]>("MessagesChanged", changes =>
        {
            foreach (var change in changes) _inbox.Writer.TryWrite(change);
        });
        Live = live;
        var returning = _joined;
        var snapshot = await live.JoinRoomAsync(roomId, returning ? afterSeq : null);
        Journal.Add($"joined after seq {(returning ? afterSeq : "-")}: {snapshot.Messages.Count} messages to {snapshot.LastSeq}, " +
                    $"{snapshot.Changes?.Count ?? 0} changes, lastChange {snapshot.LastChange}, hasMore {snapshot.HasMore}");
        Replica.Joined(snapshot, held: returning);
        // Held from here on: a join that fails after this point is retried as a return from what the replica holds.
        _joined = true;
        if (snapshot.HasMore) await FillMessagesAsync();
        if (returning) await FillChangesAsync(afterChange);
        Replica.Reached(snapshot.LastChange);
    }

    public async Task DisconnectAsync()
    {
        if (Live is null) return;
        await Live.Hub.StopAsync();
        Live = null;
        Journal.Add("disconnected");
    }

    /// <summary>Applies what has arrived, in arrival order, filling the gaps it shows first.</summary>
    public async Task ReadAsync()
    {
        while (_inbox.Reader.TryRead(out var item))
        {
            switch (item)
            {
                case ChatMessage message:
                    if (Replica.Misses(message))
                    {
                        Journal.Add($"message #{message.Seq} shows a gap after #{Replica.ContiguousSeq}");
                        await FillMessagesAsync();
                    }
                    Replica.Add([message]);
                    break;
                case MessageChange change:
                    PushedChanges++;
                    if (change.Follows is not null) CoalescedPushes++;
                    if (Replica.Misses(change))
                    {
                        Journal.Add($"change {change.ChangeSeq} shows a gap after {Replica.Cursor}");
                        await FillChangesAsync(Replica.Cursor);
                    }
                    Replica.Apply(change);
                    break;
            }
        }
    }

    private async Task FillMessagesAsync()
    {
        while (true)
        {
            var page = await user.GetAsync<MessagePage>($"/api/rooms/{roomId}/messages?after={Replica.ContiguousSeq}&limit=200");
            Replica.Add(page.Messages);
            if (!page.HasMore || page.Messages.Count == 0) return;
        }
    }

    private async Task FillChangesAsync(long after)
    {
        while (true)
        {
            var page = Live is { Hub.State: HubConnectionState.Connected } live
                ? await live.Hub.InvokeAsync<ChangePage>("GetChanges", roomId, after)
                : await user.GetAsync<ChangePage>($"/api/rooms/{roomId}/changes?after={after}");
            Journal.Add($"changes after {after}: {page.Changes.Count}, lastChange {page.LastChange}, hasMore {page.HasMore}");
            Replica.Apply(page.Changes);
            if (!page.HasMore || page.Changes.Count == 0) return;
            after = page.Changes[^1].ChangeSeq;
        }
    }
}
