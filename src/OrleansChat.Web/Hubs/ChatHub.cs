using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;
using OrleansChat.Web.Messages;
using OrleansChat.Web.Realtime;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// <c>/hubs/chat</c>: the live half of the protocol. Each call goes to the room's or user's grain; live events
/// reach this connection through the node's <see cref="RoomFanout"/>, never through a grain call per connection.
/// </summary>
[Authorize]
public sealed partial class ChatHub(
    IGrainFactory grains, RoomFanout fanout, RoomJoining joining, LocalPresence presence, InputRules rules, ChatAllowances allowances,
    MessagePosting posting, MessageChanging changing)
    : Hub<IChatClient>
{
    private ChatUser Caller => Context.User!.ToChatUser();

    /// <summary>The site whose support desk this connection works, for agents with a site's token.</summary>
    private string? AgentSite => Caller.Role is UserRole.Agent or UserRole.Admin ? Context.User!.FindFirst(ChatClaims.Site)?.Value : null;

    public override async Task OnConnectedAsync()
    {
        try
        {
            await presence.ConnectedAsync(Caller, Context.ConnectionId);
            if (AgentSite is { } siteId)
            {
                // A site's agents hear of every change on its support desk, and take conversations while online. The
                // token's site admits them to the desk's channel, which has no members, no messages and no revocations.
                await fanout.AttachAsync(SupportChannel.Of(siteId), Context.ConnectionId, Caller.UserId, snapshotSeq: 0, snapshotEpoch: null, accessRevision: 0,
                    coalesced: false);
                await grains.GetGrain<IUserGrain>(Caller.UserId).WorkDesk(siteId);
                await Desk(siteId).RefreshAgent(Caller);
            }
        }
        catch
        {
            // SignalR closes a connection whose start failed without calling OnDisconnectedAsync: without this, the
            // node would go on reporting it (keeping its user online, and an agent taking conversations).
            await ForgetConnectionAsync();
            throw;
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception) => ForgetConnectionAsync();

    private async Task ForgetConnectionAsync()
    {
        await fanout.DetachAsync(Context.ConnectionId);
        await presence.DisconnectedAsync(Caller.UserId, Context.ConnectionId);
        if (AgentSite is { } siteId) await Desk(siteId).RefreshAgent(Caller);
    }

    public Task<RoomSnapshot> JoinRoom(string roomId, long? afterSeq = null) => ListenAsync(roomId, afterSeq, rejoin: false);

    /// <summary>A reconnect's: listens again while the user is a member, and never joins them (<c>forbidden</c> once out).</summary>
    public Task<RoomSnapshot> RejoinRoom(string roomId, long? afterSeq) => ListenAsync(roomId, afterSeq, rejoin: true);

    private async Task<RoomSnapshot> ListenAsync(string roomId, long? afterSeq, bool rejoin)
    {
        rules.Id("roomId", roomId).Require(afterSeq is null or >= 0, "afterSeq", "afterSeq must be 0 or more.")
            // Desk channels are listened to by agents' connections only, never joined (see OnConnectedAsync).
            .Require(!SupportChannel.IsChannel(roomId), "roomId", "That id names a support desk, not a room.")
            .ThrowIfInvalid();
        allowances.LiveCalls.Take(Caller.UserId);
        return await joining.JoinAsync(Caller, Context.ConnectionId, roomId, afterSeq, rejoin,
            ConnectionFeatures.Has(Context, ConnectionFeatures.CoalescedChanges), Context.ConnectionAborted);
    }

    public async Task LeaveRoom(string roomId)
    {
        rules.Id("roomId", roomId).ThrowIfInvalid();
        // The room tells every web node, which tell all of this user's connections (this one included) and let go.
        await Room(roomId).RemoveMember(Caller, Caller.UserId);
    }

    public async Task<MessageAck> SendMessage(string roomId, string clientMessageId, string text) =>
        MessageAck.From(await posting.PostAsync(Context.User!, roomId, clientMessageId, text, [], replyTo: null));

    public async Task<MessageAck> SendMessageWithFiles(string roomId, string clientMessageId, string? text, string[] fileIds)
    {
        rules.Require(fileIds.Length > 0, "fileIds", "Name at least one file; a message without files is SendMessage.").ThrowIfInvalid();
        return MessageAck.From(await posting.PostAsync(Context.User!, roomId, clientMessageId, text ?? "", fileIds, replyTo: null));
    }

    /// <summary>Any message: text, files, a reply (the REST body's shape).</summary>
    public async Task<MessageAck> PostMessage(string roomId, MessagesApi.SendMessageRequest message)
    {
        rules.Require(message is not null, "message", "A message is required.").ThrowIfInvalid();
        return MessageAck.From(await posting.PostAsync(Context.User!, roomId, message!.ClientMessageId, message.Text, message.FileIds ?? [], message.ReplyTo));
    }

    public Task SetTyping(string roomId, bool isTyping)
    {
        rules.Id("roomId", roomId).ThrowIfInvalid();
        allowances.LiveCalls.Take(Caller.UserId);
        return Room(roomId).SetTyping(Caller, isTyping);
    }

    public Task MarkRead(string roomId, long seq)
    {
        rules.Id("roomId", roomId).Require(seq >= 0, "seq", "seq must be 0 or more.").ThrowIfInvalid();
        allowances.LiveCalls.Take(Caller.UserId);
        return Room(roomId).MarkRead(Caller.UserId, seq);
    }

    public async Task SetStatus(string status)
    {
        var parsed = status switch { "online" => PresenceStatus.Online, "away" => PresenceStatus.Away, _ => (PresenceStatus?)null };
        rules.Require(parsed is not null, "status", "status must be online or away.").ThrowIfInvalid();
        allowances.LiveCalls.Take(Caller.UserId);
        await grains.GetGrain<IUserGrain>(Caller.UserId).SetStatus(parsed!.Value);
        if (AgentSite is { } siteId) await Desk(siteId).RefreshAgent(Caller);
    }

    private IRoomGrain Room(string roomId) => grains.GetGrain<IRoomGrain>(roomId);

    private ISupportDeskGrain Desk(string siteId) => grains.GetGrain<ISupportDeskGrain>(siteId);
}
