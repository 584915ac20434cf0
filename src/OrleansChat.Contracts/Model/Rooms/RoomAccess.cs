namespace OrleansChat.Contracts;

// What a room tells web nodes about who may listen to it. A room's access revision grows, and persists, whenever
// someone stops being allowed to read it (removed, left); every event a room sends names it, so a node that has
// not yet applied a revocation notices before relaying anything and asks the room who of its listeners may still
// read it.

/// <summary>A user the room let in: the snapshot to start from, and the access revision it was decided at.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomAdmission(RoomSnapshot Snapshot, long AccessRevision);

/// <summary>
/// A web node's subscription, renewed: what it missed after the seq and the change it named, and the access revision
/// now. <see cref="MissedChanges"/> is null from a silo of an earlier release.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomSubscription(MessagePage Missed, long AccessRevision, ChangePage? MissedChanges = null);

/// <summary>Which of the users a web node asked about may read the room, at the access revision now.</summary>
[GenerateSerializer, Immutable]
public sealed record ListenerCheck(IReadOnlyList<string> Allowed, long AccessRevision);
