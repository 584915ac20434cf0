using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Messages;

/// <summary>Edits, deletions and reactions, the same over REST and the hub: checked, counted against the caller's allowance, made by the room.</summary>
public sealed class MessageChanging(IGrainFactory grains, InputRules rules, ChatAllowances allowances)
{
    public async Task<ChatMessage> EditAsync(ChatUser actor, string roomId, long seq, string? text)
    {
        // Empty text is the room's to judge: a message with files may lose its caption.
        rules.Id("roomId", roomId).Seq(seq).MessageText(text ?? "", withFiles: true)
            .Require(text is not null, "text", "text is required.").ThrowIfInvalid();
        await allowances.Messages.TakeAsync(actor.UserId);
        return (await Room(roomId).EditMessage(actor, seq, text!)).Message;
    }

    public async Task<ChatMessage> DeleteAsync(ChatUser actor, string roomId, long seq)
    {
        rules.Id("roomId", roomId).Seq(seq).ThrowIfInvalid();
        await allowances.Messages.TakeAsync(actor.UserId);
        return (await Room(roomId).DeleteMessage(actor, seq)).Message;
    }

    public async Task<ChatMessage> SetReactionAsync(ChatUser actor, string roomId, long seq, string? emoji, bool reacted)
    {
        rules.Id("roomId", roomId).Seq(seq).Emoji(emoji).ThrowIfInvalid();
        allowances.LiveCalls.Take(actor.UserId);
        return (await Room(roomId).SetReaction(actor, seq, emoji!, reacted)).Message;
    }

    private IRoomGrain Room(string roomId) => grains.GetGrain<IRoomGrain>(roomId);
}
