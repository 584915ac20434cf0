using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Members;

namespace OrleansChat.Grains.Rooms;

// Moderation: roles (owner, moderator, member), mutes and bans. Ranks order who may act on whom: the owner above
// moderators above members, and an admin acting for the room's site above everyone. Ownership is never transferred:
// roles change between member and moderator only. Every change posts a system message saying who did what; an
// action already in effect changes nothing and posts nothing, so a retry never posts twice.
public sealed partial class RoomGrain
{
    private const int AdminRank = int.MaxValue;
    private readonly Dictionary<string, BanRecord> _bans = new(StringComparer.Ordinal);
    // Until when each muted user is muted; kept apart from membership, so leaving and joining again does not end it.
    private readonly Dictionary<string, DateTimeOffset> _mutes = new(StringComparer.Ordinal);

    public async Task<Member> SetMemberRole(ChatUser actor, string userId, MemberRole role)
    {
        RequireCreated();
        if (RankOf(actor) < Rank(MemberRole.Owner)) throw ChatException.Forbidden("Only the room's owner or an admin may change roles.");
        RequireGroup();
        if (role == MemberRole.Owner) throw ChatException.Invalid("role must be member or moderator: ownership is not transferred.");
        var member = MemberOrNotFound(userId);
        if (member.Role == MemberRole.Owner) throw ChatException.Forbidden("The room's owner stays its owner.");
        if (member.Role == role) return ToMember(member);
        var changed = 0;
        await ModerationWriteAsync(async () => changed = await _directory.SetRoleAsync(RoomId, userId, role));
        // No row changed: they left (or were removed) while this waited for its turn.
        if (changed == 0 || !_members.TryGetValue(userId, out var current)) throw ChatException.NotFound($"'{userId}' is not a member of room '{RoomId}'.");
        _members[userId] = current with { Role = role };
        await AnnounceAsync(actor, userId, $"{actor.DisplayName} made {member.DisplayName} a {Word(role)}");
        return ToMember(_members.GetValueOrDefault(userId, current with { Role = role }));
    }

    public async Task<Member> MuteMember(ChatUser actor, string userId, TimeSpan duration)
    {
        RequireCreated();
        RequireModeratorRank(actor, "mute");
        if (duration < TimeSpan.FromSeconds(1) || duration > TimeSpan.FromSeconds(ChatLimits.MaxMuteSeconds))
        {
            throw ChatException.Invalid($"A mute lasts from 1 to {ChatLimits.MaxMuteSeconds} seconds.");
        }
        var member = MemberOrNotFound(userId);
        RequireOutranks(actor, userId, "mute");
        duration = TimeSpan.FromSeconds(Math.Floor(duration.TotalSeconds));
        // Millisecond precision, as stored: what a member reads now equals what a later activation reads.
        var until = DateTimeOffset.FromUnixTimeMilliseconds((_clock.GetUtcNow() + duration).ToUnixTimeMilliseconds());
        await ModerationWriteAsync(() => _directory.MuteAsync(RoomId, userId, until));
        _mutes[userId] = until;
        await AnnounceAsync(actor, userId, $"{actor.DisplayName} muted {member.DisplayName} for {Spoken(duration)}");
        return ToMember(_members.GetValueOrDefault(userId, member));
    }

    public async Task UnmuteMember(ChatUser actor, string userId)
    {
        RequireCreated();
        RequireModeratorRank(actor, "unmute");
        // Someone who left while muted is muted when they come back: they can be unmuted meanwhile.
        var name = _members.TryGetValue(userId, out var member) ? member.DisplayName
            : MutedUntil(userId) is not null ? userId : throw ChatException.NotFound($"'{userId}' is not a member of room '{RoomId}'.");
        RequireOutranks(actor, userId, "unmute");
        if (MutedUntil(userId) is null) return;
        await ModerationWriteAsync(() => _directory.UnmuteAsync(RoomId, userId));
        _mutes.Remove(userId);
        await AnnounceAsync(actor, userId, $"{actor.DisplayName} unmuted {name}");
    }

    public async Task<RoomBan> BanMember(ChatUser actor, ChatUser user)
    {
        RequireCreated();
        RequireModeratorRank(actor, "ban");
        RequireGroup();
        if (_bans.TryGetValue(user.UserId, out var existing)) return ToBan(existing);
        RequireOutranks(actor, user.UserId, "ban");
        var name = _members.TryGetValue(user.UserId, out var member) ? member.DisplayName : user.DisplayName;
        var ban = new BanRecord(user.UserId, name, actor.UserId, DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds()));
        await _membershipTurn.WaitAsync();
        try
        {
            // A ban that raced this one won: it is the one in effect.
            if (!_bans.TryAdd(ban.UserId, ban)) return ToBan(_bans[ban.UserId]);
            // In memory before anything is awaited: from this turn on, joins and adds of the user are refused.
            if (IsMember(ban.UserId))
            {
                // Removed exactly as RemoveMember removes: the access revision rises, web nodes let their connections go.
                await RemoveMembersInTurnAsync([ban.UserId], revision => _directory.BanAsync(RoomId, ban, revision));
            }
            else
            {
                await StoreOrReloadAsync(() => _directory.BanAsync(RoomId, ban, _accessRevision));
            }
        }
        finally
        {
            _membershipTurn.Release();
        }
        await AnnounceAsync(actor, changedUserId: null, $"{actor.DisplayName} banned {ban.DisplayName}");
        return ToBan(ban);
    }

    public async Task UnbanMember(ChatUser actor, string userId)
    {
        RequireCreated();
        RequireModeratorRank(actor, "unban");
        RequireGroup();
        if (!_bans.TryGetValue(userId, out var ban)) throw ChatException.NotFound($"'{userId}' is not banned from room '{RoomId}'.");
        // Stored first, then let in: memory never lets in someone whose ban may still be stored.
        await ModerationWriteAsync(() => _directory.UnbanAsync(RoomId, userId));
        _bans.Remove(userId);
        await AnnounceAsync(actor, changedUserId: null, $"{actor.DisplayName} unbanned {ban.DisplayName}");
    }

    public Task<IReadOnlyList<RoomBan>> ListBans(ChatUser actor)
    {
        RequireCreated();
        RequireModeratorRank(actor, "see the bans of");
        return Task.FromResult<IReadOnlyList<RoomBan>>(_bans.Values.OrderBy(b => b.BannedAt).Select(ToBan).ToArray());
    }

    /// <summary>Refuses what a muted member would post (messages, files, assistant prompts), saying until when.</summary>
    private void RequireNotMuted(string userId)
    {
        if (MutedUntil(userId) is { } until) throw MuteRefusal.For(RoomId, until);
    }

    private void RequireNotBanned(string userId)
    {
        if (_bans.ContainsKey(userId)) throw ChatException.Forbidden($"'{userId}' is banned from room '{RoomId}' until a moderator unbans them.");
    }

    /// <summary>Until when a user is muted; null when not, or no longer (a mute ends by itself).</summary>
    private DateTimeOffset? MutedUntil(string userId) =>
        _mutes.TryGetValue(userId, out var until) && until > _clock.GetUtcNow() ? until : null;

    /// <summary>Reads the room's bans and mutes; on failure the ones in memory stay (forgetting a ban would let its user in).</summary>
    private async Task LoadModerationAsync(CancellationToken cancellationToken)
    {
        var stored = await _directory.ReadModerationAsync(RoomId, _clock.GetUtcNow(), cancellationToken);
        _bans.Clear();
        foreach (var ban in stored.Bans) _bans[ban.UserId] = ban;
        _mutes.Clear();
        foreach (var (userId, until) in stored.Mutes) _mutes[userId] = until;
    }

    /// <summary>One moderation write, in the membership turn (a failed write reads memory back from the rows).</summary>
    private async Task ModerationWriteAsync(Func<Task> write)
    {
        await _membershipTurn.WaitAsync();
        try
        {
            await StoreOrReloadAsync(write);
        }
        finally
        {
            _membershipTurn.Release();
        }
    }

    /// <summary>A write whose outcome is unknown when it fails: memory follows the rows again, and the caller may retry.</summary>
    private async Task StoreOrReloadAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "A moderation write of room {RoomId} failed; its members are read back", RoomId);
            await ReloadMembersAsync();
            throw ChatException.Unavailable("Room storage is unavailable; nothing was changed. Retry later.");
        }
    }

    /// <summary>Tells the members whose role or mute changed, then posts the system message that says so.</summary>
    private async Task AnnounceAsync(ChatUser actor, string? changedUserId, string text)
    {
        if (changedUserId is not null && _members.TryGetValue(changedUserId, out var member))
        {
            var changed = new MemberChanged(RoomId, ToMember(member));
            Broadcast((o, revision) => o.OnMemberChanged(revision, changed));
        }
        await AppendOnceAsync(new Outgoing($"moderation:{Guid.NewGuid():N}", actor.UserId, actor.DisplayName, MessageKind.System, text, [], 0, ReplyTo: null));
    }

    private void RequireGroup()
    {
        if (Room.Kind != RoomKind.Group) throw ChatException.Invalid("Roles and bans are for group rooms.");
    }

    private void RequireModeratorRank(ChatUser actor, string action)
    {
        if (RankOf(actor) < Rank(MemberRole.Moderator))
        {
            throw ChatException.Forbidden($"Only the room's moderators, its owner or an admin may {action} members.");
        }
    }

    /// <summary>Moderators act on members, the owner on moderators too; admins on anyone. Nobody on themselves.</summary>
    private void RequireOutranks(ChatUser actor, string userId, string action)
    {
        if (userId == actor.UserId) throw ChatException.Invalid($"You cannot {action} yourself.");
        var target = _members.TryGetValue(userId, out var member) ? Rank(member.Role) : 0;
        if (target >= RankOf(actor)) throw ChatException.Forbidden($"You may not {action} someone whose role is equal to or above yours.");
    }

    private MemberRecord MemberOrNotFound(string userId) =>
        _members.TryGetValue(userId, out var member) ? member : throw ChatException.NotFound($"'{userId}' is not a member of room '{RoomId}'.");

    private int RankOf(ChatUser actor) =>
        actor.Role == UserRole.Admin && ActsForSite(actor) ? AdminRank : _members.TryGetValue(actor.UserId, out var member) ? Rank(member.Role) : 0;

    private static int Rank(MemberRole role) => role switch
    {
        MemberRole.Owner => 3,
        MemberRole.Moderator => 2,
        _ => 1,
    };

    private static string Word(MemberRole role) => role.ToString().ToLowerInvariant();

    private static RoomBan ToBan(BanRecord ban) => new(ban.UserId, ban.DisplayName, ban.BannedBy, ban.BannedAt);

    /// <summary>A whole number of seconds in the largest unit that divides it: "10 minutes", "1 day".</summary>
    private static string Spoken(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        var (count, unit) = seconds % 86_400 == 0 ? (seconds / 86_400, "day")
            : seconds % 3_600 == 0 ? (seconds / 3_600, "hour")
            : seconds % 60 == 0 ? (seconds / 60, "minute")
            : (seconds, "second");
        return $"{count} {unit}{(count == 1 ? "" : "s")}";
    }
}
