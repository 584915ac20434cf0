using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

// Retention: an admin moves a room's older messages out of its history into the archive.
public sealed partial class RoomGrain
{
    public async Task<ArchiveResult> ArchiveHistory(ChatUser actor, long beforeSeq)
    {
        RequireCreated();
        if (!(actor.Role == UserRole.Admin && ActsForSite(actor))) throw ChatException.Forbidden("Only an admin may archive a room's history.");
        // The newest message always stays: the next seq follows it, so no seq is handed out twice.
        if (beforeSeq < 1 || beforeSeq > _lastSeq)
        {
            throw ChatException.Invalid($"beforeSeq must be between 1 and the room's last seq ({_lastSeq}): the newest message stays.");
        }
        if (beforeSeq <= _firstSeq) return new ArchiveResult(RoomId, _firstSeq, 0);
        try
        {
            var archived = await _log.ArchiveAsync(RoomId, beforeSeq, _clock.GetUtcNow());
            _firstSeq = Math.Max(_firstSeq, beforeSeq);
            return new ArchiveResult(RoomId, _firstSeq, archived);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Archiving history of room {RoomId} below seq {Seq} failed", RoomId, beforeSeq);
            // The move may have been committed although it reported failure: history begins where the log says.
            try
            {
                _firstSeq = await _log.GetFirstSeqAsync(RoomId);
            }
            catch (Exception reread)
            {
                _logger.LogWarning(reread, "Reading where the history of room {RoomId} begins failed; the next activation reads it", RoomId);
                DeactivateOnIdle();
            }
            throw ChatException.Unavailable("The message store is unavailable; retry the archive later.");
        }
    }
}
