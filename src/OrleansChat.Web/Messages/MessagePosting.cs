using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Messages;

/// <summary>Sending a message, the same over REST and the hub: checked, counted against the sender's allowance, stored by the room.</summary>
public sealed class MessagePosting(IGrainFactory grains, InputRules rules, ChatAllowances allowances)
{
    public async Task<SendResult> PostAsync(ClaimsPrincipal principal, string roomId, string? clientMessageId, string? text, string[] fileIds, long? replyTo)
    {
        rules.Id("roomId", roomId).ClientMessageId(clientMessageId).MessageText(text, withFiles: fileIds.Length > 0).FileIds(fileIds)
            .Require(replyTo is null or >= 1, "replyTo", "replyTo must be the seq of a message of the room (1 or more).").ThrowIfInvalid();
        var sender = principal.ToChatUser();
        // The room takes the permit of the sender's allowance: one call to the cluster per send, not two.
        var message = new NewMessage(clientMessageId!, text ?? "", fileIds, fileIds.Length > 0 ? rules.Limits.MaxMessageFileBytes : 0, replyTo,
            allowances.Messages.PermitsPerMinute);
        try
        {
            // What follows a stored message (the desk, its bot) is the room's to start, whichever way it came.
            return await grains.GetGrain<IRoomGrain>(roomId).Post(sender, message);
        }
        catch (ChatException refused) when (refused.Error == ChatError.RateLimited)
        {
            throw allowances.Messages.Refusal(refused.RetryAfter);
        }
    }
}
