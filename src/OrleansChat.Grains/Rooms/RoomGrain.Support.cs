using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

// A support room tells its site's desk of every message it stores, so that what follows (reopening, the bot, a
// human) starts on the silo whichever way the message came and whatever becomes of the web node that took it.
public sealed partial class RoomGrain
{
    /// <summary>Waits between tries to tell the desk, which may be moving to another silo.</summary>
    private static readonly TimeSpan[] DeskRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>How far back a support room that activates tells its desk again of what it stored.</summary>
    private static readonly TimeSpan DeskRetellWindow = TimeSpan.FromMinutes(5);

    /// <summary>The desk hears of messages one after another, in seq order, never holding up a send.</summary>
    private Task _deskTold = Task.CompletedTask;

    /// <summary>
    /// On activation: the silo that stored the latest messages may have died before it told the desk, so the messages
    /// of the last few minutes are told again. Hearing one twice changes nothing at the desk: no second reopening,
    /// bot answer, mail or webhook delivery.
    /// </summary>
    private void RetellDesk()
    {
        if (Room.Kind != RoomKind.Support || !_window.TryGetRange(_window.FirstSeq, _lastSeq, out var held)) return;
        var since = _clock.GetUtcNow() - DeskRetellWindow;
        TellDesk(held.Where(m => m.SentAt >= since).ToArray());
    }

    private void TellDesk(IReadOnlyList<ChatMessage> stored)
    {
        if (Room.Kind != RoomKind.Support || stored.Count == 0) return;
        _deskTold = TellDeskAfterAsync(_deskTold, stored);
    }

    private async Task TellDeskAfterAsync(Task previous, IReadOnlyList<ChatMessage> stored)
    {
        await previous;
        var desk = GrainFactory.GetGrain<ISupportDeskGrain>(Room.SiteId);
        foreach (var message in stored)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await desk.OnConversationMessage(RoomId, message);
                    break;
                }
                catch (Exception exception) when (attempt < DeskRetryDelays.Length)
                {
                    _logger.LogWarning(exception, "Telling the desk of message {Seq} in room {RoomId} failed; trying again", message.Seq, RoomId);
                    await Task.Delay(DeskRetryDelays[attempt]);
                }
                catch (Exception exception)
                {
                    _logger.LogError(exception, "The desk never heard of message {Seq} in room {RoomId}", message.Seq, RoomId);
                    break;
                }
            }
        }
    }
}
