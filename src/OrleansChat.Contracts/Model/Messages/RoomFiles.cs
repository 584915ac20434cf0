namespace OrleansChat.Contracts;

/// <summary>
/// An upload, checked and measured by the web tier, for a room to record. <see cref="ClientFileId"/>, when given,
/// makes a retried upload return the original.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewFile(Attachment Attachment, string? ClientFileId);

/// <summary>
/// The file a room recorded: <see cref="Attachment"/> is the original on a repeat (<see cref="Duplicate"/>), and
/// <see cref="Sent"/> says a message already carries it (its bytes are stored and never written again).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FileAdded(Attachment Attachment, bool Duplicate, bool Sent);
