using Orleans.Concurrency;

namespace OrleansChat.Contracts;

/// <summary>
/// One room (key: room id). Owns members, the message sequence, read cursors, typing and who is online.
/// Callers pass the acting user; the web tier vouches for that identity.
/// </summary>
public interface IRoomGrain : IGrainWithStringKey
{
    /// <summary>Creates this room as a group room owned by <paramref name="owner"/>; conflict if it exists.</summary>
    Task<Room> CreateGroup(ChatUser owner, NewRoom room);

    /// <summary>Creates this room, on first use, as the direct room of two users.</summary>
    Task<Room> EnsureDirect(ChatUser first, ChatUser second);

    /// <summary>
    /// Creates this room, on first use, as the support room of one visitor of a site, with the visitor as its
    /// member; agents and admins may join it. Forbidden for anyone else once it exists.
    /// </summary>
    Task<Room> EnsureSupport(ChatUser visitor, string siteId);

    /// <summary>The room with its members: for members, or anyone when the room is public.</summary>
    Task<Room> Describe(string userId);

    /// <summary>
    /// Joins a public room, a support room as an agent (or one the user is in) and returns a snapshot; see
    /// <see cref="HistoryQuery"/>. A refused user learns nothing of the room beyond the refusal.
    /// </summary>
    Task<RoomAdmission> Join(ChatUser user, long? afterSeq);

    /// <summary>
    /// As <see cref="Join"/> for a member only, whom it never adds: a connection's rejoin after a reconnect, which must
    /// not undo a leave or removal made meanwhile. <c>forbidden</c> when the user is out of the room.
    /// </summary>
    Task<RoomAdmission> Rejoin(ChatUser user, long? afterSeq);

    /// <summary>Adds someone else to the room; only the owner or an admin may.</summary>
    Task AddMember(ChatUser actor, ChatUser member);

    /// <summary>Removes a member: themselves, or anyone when the actor owns the room or is an admin.</summary>
    Task RemoveMember(ChatUser actor, string userId);

    /// <summary>
    /// The site's desk gave this support room's conversation to <paramref name="agent"/> (or, resolved, to nobody):
    /// the agent joins, and everyone but the visitor and that agent leaves. An agent it moved away from stops hearing
    /// it, and an agent's rooms are the conversations they hold, not every one they ever answered.
    /// </summary>
    Task HandSupportTo(string visitorId, ChatUser? agent);

    /// <summary>Appends a message durably, then acknowledges it; a repeated client message id returns the original.</summary>
    Task<SendResult> Send(ChatUser sender, string clientMessageId, string text);

    /// <summary>
    /// <see cref="Send"/> with files the sender uploaded to this room (<see cref="AddFile"/>) and has not sent yet;
    /// the text may be empty. A retry must name the same files. Refused as too large when the files take more than
    /// <paramref name="maxTotalBytes"/> together (the web tier's limit, <c>Chat:Limits</c>).
    /// </summary>
    Task<SendResult> SendWithFiles(ChatUser sender, string clientMessageId, string text, IReadOnlyList<string> fileIds, long maxTotalBytes);

    /// <summary>
    /// <see cref="SendWithFiles"/>, and a reply when <see cref="NewMessage.ReplyTo"/> names an earlier message of this room
    /// (not found, or a conflict when it was deleted); a retry must name the same one.
    /// </summary>
    Task<SendResult> Post(ChatUser sender, NewMessage message);

    /// <summary>Edits the actor's own text message; a deleted one is a conflict. Numbered in the room's order of changes.</summary>
    Task<ChangeResult> EditMessage(ChatUser actor, long seq, string text);

    /// <summary>Deletes a message, leaving a tombstone: the actor's own, or anyone's for the room's owners, moderators and the site's admins.</summary>
    Task<ChangeResult> DeleteMessage(ChatUser actor, long seq);

    /// <summary>Gives (<paramref name="reacted"/>) or takes back the actor's <paramref name="emoji"/> on a message that is not deleted.</summary>
    Task<ChangeResult> SetReaction(ChatUser actor, long seq, string emoji, bool reacted);

    /// <summary>The room's changes to its messages after <paramref name="afterChange"/>, for whoever may read it.</summary>
    Task<ChangePage> GetChanges(string userId, long afterChange, int limit);

    /// <summary>
    /// Records a file a member uploaded, before its bytes are stored: once per client file id, whose repeat returns
    /// the original (the caller then stores the bytes again unless it was sent, which completes a failed upload).
    /// </summary>
    Task<FileAdded> AddFile(ChatUser uploader, NewFile file);

    /// <summary>
    /// A file of this room for a reader: one sent in a message, or one the caller uploaded and has not sent yet.
    /// A refused reader learns nothing of the file.
    /// </summary>
    Task<Attachment> GetFile(string userId, string fileId);

    /// <summary>Stores an assistant's finished answer, asked for by a member, as a message of kind <c>assistant</c>.</summary>
    Task<ChatMessage> PostAssistantMessage(ChatUser requester, string streamId, string text);

    /// <summary>Shows the members a piece of an assistant's answer as it is written (not stored).</summary>
    Task RelayAssistantDelta(ChatUser requester, AssistantDelta delta);

    Task<MessagePage> GetMessages(string userId, HistoryQuery query);

    /// <summary>Retention, by an admin: moves the messages below <paramref name="beforeSeq"/> out of the room's history into the archive.</summary>
    Task<ArchiveResult> ArchiveHistory(ChatUser actor, long beforeSeq);

    Task MarkRead(string userId, long seq);

    Task SetTyping(ChatUser user, bool isTyping);

    /// <summary>A support conversation changed; told by the site's desk, for this room's (or channel's) listeners.</summary>
    [OneWay]
    Task PublishSupportChanged(SupportChanged change);

    /// <summary>A member's presence changed; told by their user grain.</summary>
    [OneWay]
    Task OnPresenceChanged(PresenceChanged presence);

    /// <summary>
    /// Subscribes (or renews) a web node's observer, which expires unless renewed. With <paramref name="afterSeq"/>,
    /// the last seq the node relayed, returns what it missed since (a page; a restarted silo pushed nothing until
    /// the renewal); without, an empty page that says the room's last seq. The same for changes with
    /// <paramref name="afterChange"/>.
    /// </summary>
    Task<RoomSubscription> Subscribe(IRoomObserver observer, long? afterSeq, long? afterChange);

    /// <summary>Which of these users, listening on a web node, may still read the room.</summary>
    Task<ListenerCheck> WhoMayListen(IReadOnlyList<string> userIds);

    Task Unsubscribe(IRoomObserver observer);

    // Moderation (see RoomGrain.Moderation): the room's owner and moderators, and admins of its site, keep order.
    // Each action that changes something posts a system message saying who did what; repeating one that is already
    // in effect changes nothing and posts nothing.

    /// <summary>
    /// The owner (or an admin) makes a member a moderator or a member again; the owner's own role never changes
    /// (ownership is not transferred). Returns the member as they are now.
    /// </summary>
    Task<Member> SetMemberRole(ChatUser actor, string userId, MemberRole role);

    /// <summary>
    /// A moderator, the owner or an admin mutes a member of lower rank for <paramref name="duration"/>: their sends,
    /// uploads and assistant prompts are refused until it ends, by itself. A new mute replaces the one in effect.
    /// </summary>
    Task<Member> MuteMember(ChatUser actor, string userId, TimeSpan duration);

    /// <summary>Ends a member's mute early (same rights as muting).</summary>
    Task UnmuteMember(ChatUser actor, string userId);

    /// <summary>
    /// A moderator, the owner or an admin bans a user of lower rank from a group room: a member is removed as by
    /// <see cref="RemoveMember"/> (their live delivery stops at once), and nobody may add them or may they join or
    /// read the room until unbanned. Someone who is not a member can be banned too.
    /// </summary>
    Task<RoomBan> BanMember(ChatUser actor, ChatUser user);

    /// <summary>Lifts a ban: the user may join (a public room) or be added again.</summary>
    Task UnbanMember(ChatUser actor, string userId);

    /// <summary>The room's bans, for its moderators, owner and admins.</summary>
    Task<IReadOnlyList<RoomBan>> ListBans(ChatUser actor);

    /// <summary>The site of a support room; null for any other room and for a room not created.</summary>
    Task<string?> GetSupportSite();

    /// <summary>
    /// A private note was written; told by the site's notes, for a desk channel's listeners (the site's agents) only:
    /// any other room refuses it, so that a note can never reach a visitor's connection.
    /// </summary>
    Task PublishSupportNote(SupportNote note);
}
