using OrleansChat.Contracts;

namespace OrleansChat.Web.Hubs;

// Changes to stored messages. Each answers the message as the caller now reads it; everyone in the room (the caller's
// other connections too) hears of the change in MessagesChanged.
public sealed partial class ChatHub
{
    public Task<ChatMessage> EditMessage(string roomId, long seq, string text) => changing.EditAsync(Caller, roomId, seq, text);

    public Task<ChatMessage> DeleteMessage(string roomId, long seq) => changing.DeleteAsync(Caller, roomId, seq);

    public Task<ChatMessage> SetReaction(string roomId, long seq, string emoji, bool reacted) =>
        changing.SetReactionAsync(Caller, roomId, seq, emoji, reacted);

    /// <summary>The room's changes after a change seq: what a client that holds older messages asks for when it comes back.</summary>
    public Task<ChangePage> GetChanges(string roomId, long afterChange)
    {
        rules.Id("roomId", roomId).Require(afterChange >= 0, "afterChange", "afterChange must be 0 or more.").ThrowIfInvalid();
        allowances.LiveCalls.Take(Caller.UserId);
        return Room(roomId).GetChanges(Caller.UserId, afterChange, rules.Limits.MaxPageSize);
    }
}
