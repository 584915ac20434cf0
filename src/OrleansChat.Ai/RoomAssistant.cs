using System.Text;
using Microsoft.Extensions.AI;
using OrleansChat.Contracts;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatMessage = OrleansChat.Contracts.ChatMessage;

namespace OrleansChat.Ai;

/// <summary>
/// The assistant answering into a room: it reads the room's recent messages, streams its answer to the members as
/// <c>AssistantDelta</c> events through the room grain, then stores the answer as an <c>assistant</c> message.
/// Nothing is stored when the provider fails or the caller goes away.
/// </summary>
public sealed class RoomAssistant(Assistant assistant, IGrainFactory grains)
{
    public async Task<ChatMessage> AnswerAsync(ChatUser requester, string roomId, string siteId, string? prompt, CancellationToken cancellationToken)
    {
        var room = grains.GetGrain<IRoomGrain>(roomId);
        var recent = await room.GetMessages(requester.UserId, new HistoryQuery(null, null, 20));
        List<AiMessage> conversation = [.. recent.Messages.Select(RoomTranscript.ToAiMessage)];
        if (prompt is not null) conversation.Add(new AiMessage(ChatRole.User, prompt));
        var streamId = Guid.NewGuid().ToString("N");
        var answer = new StringBuilder();
        var index = 0;
        await foreach (var piece in assistant.StreamAsync(siteId, conversation, cancellationToken))
        {
            answer.Append(piece);
            await room.RelayAssistantDelta(requester, new AssistantDelta(roomId, streamId, piece, index++));
        }
        return await room.PostAssistantMessage(requester, streamId, answer.ToString());
    }
}
