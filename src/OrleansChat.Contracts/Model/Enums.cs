namespace OrleansChat.Contracts;

// Enum names are the protocol's words in camelCase ("group", "direct", ...); JSON converters lower the first letter.

public enum RoomKind { Group, Direct, Support }

public enum RoomVisibility { Public, Private }

public enum MessageKind { Text, System, Assistant }

public enum PresenceStatus { Online, Away, Offline }

/// <summary>The role a token grants on the platform (claim <c>role</c>).</summary>
public enum UserRole { Member, Agent, Admin, Visitor }

/// <summary>
/// The role a member holds in one room: owners promote and demote, moderators (and owners) delete others' messages,
/// mute and ban. New values go at the end: stored rows and serialized grain calls name them.
/// </summary>
public enum MemberRole { Owner, Member, Moderator }
