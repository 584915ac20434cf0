using OrleansChat.Contracts;

namespace OrleansChat.Web.Files;

/// <summary>An upload checked and made ready to store: its attachment (under a new file id), its bytes as served, and an image's preview.</summary>
public sealed record PreparedUpload(Attachment Attachment, string? ClientFileId, byte[] Content, byte[]? Thumbnail);
