using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

// What the site's private notes ask of rooms: whose conversation a room is, and the desk channel's push.
public sealed partial class RoomGrain
{
    public Task<string?> GetSupportSite() =>
        Task.FromResult(Room.Created && Room.Kind == RoomKind.Support ? Room.SiteId : null);

    public Task PublishSupportNote(SupportNote note)
    {
        // Only a desk channel's listeners are the site's agents; a visitor listens to their support room.
        if (!SupportChannel.IsChannel(RoomId)) throw ChatException.Invalid($"'{RoomId}' is not a support desk's channel.");
        Broadcast((o, revision) => o.OnSupportNote(RoomId, revision, note));
        return Task.CompletedTask;
    }
}
